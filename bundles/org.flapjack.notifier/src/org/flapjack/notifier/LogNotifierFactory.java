package org.flapjack.notifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.flapjack.core.notify.DeliveryFailure;
import org.flapjack.core.notify.Notification;
import org.flapjack.core.notify.Notifier;
import org.flapjack.core.notify.NotifierFactory;

/**
 * The built-in {@code log} notifier: appends one line per notification to a file, {@code file} in
 * {@code [log-notifier]}, by default {@code notifications.log} in the notifier's state directory.
 */
public final class LogNotifierFactory implements NotifierFactory {

    /** The name {@code notifiers} uses for this notifier. */
    public static final String NAME = "log";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Notifier create(Map<String, String> settings) {
        String file = settings.get("file");
        if (file == null || file.isBlank()) {
            String stateDir = settings.get(STATE_DIR);
            if (stateDir == null) {
                throw new IllegalArgumentException("file: the log file to append to");
            }
            file = Path.of(stateDir, "notifications.log").toString();
        }
        return new LogNotifier(Path.of(file.strip()));
    }

    /** Appends {@code TIME KIND CHECK STATUS to RECIPIENT: OUTPUT} lines to one file. */
    private record LogNotifier(Path file) implements Notifier {

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void send(Notification notification) throws DeliveryFailure {
            String line = notification.time() + " " + notification.kind() + " " + notification.check() + " "
                    + notification.status() + " to " + notification.recipient().name() + ": "
                    + notification.output().replaceAll("\\R", " ") + System.lineSeparator();
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            } catch (IOException e) {
                throw DeliveryFailure.retryable("cannot append to " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
