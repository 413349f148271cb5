package org.flapjack.notifier.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.flapjack.core.notify.DeliveryFailure;
import org.flapjack.core.notify.Notification;
import org.flapjack.core.notify.Notifier;
import org.flapjack.core.notify.NotifierFactory;

/**
 * A plugin notifier as a third party would write one: the tests put this class into a jar of its own with a
 * services file and load it from a notifier directory. It appends {@code KIND CHECK RECIPIENT} lines to {@code file}.
 */
public final class RecordingNotifierFactory implements NotifierFactory {

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Notifier create(Map<String, String> settings) {
        String file = settings.get("file");
        if (file == null) {
            throw new IllegalArgumentException("file: needed");
        }
        return new RecordingNotifier(Path.of(file));
    }

    /** Appends one line per notification. */
    static final class RecordingNotifier implements Notifier {

        private final Path file;

        RecordingNotifier(Path file) {
            this.file = file;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void send(Notification notification) throws DeliveryFailure {
            try {
                Files.writeString(file, notification.kind() + " " + notification.check() + " "
                        + notification.recipient().name() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw DeliveryFailure.retryable(e.getMessage(), e);
            }
        }
    }
}
