package org.flapjack.notifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.flapjack.core.notify.Notification;

/**
 * The deliveries one notifier still has to make: a directory with one small JSON file per delivery, each written
 * atomically and synced before the result it came from is deleted, and removed as soon as it is delivered. File names
 * start with the result's time, so listing them in name order gives the order the results came in.
 */
final class Spool {

    private static final System.Logger LOG = System.getLogger(Spool.class.getName());

    private final String notifier;
    private final Path directory;
    private final Path undeliverable;

    Spool(String notifier, Path directory) throws IOException {
        this.notifier = notifier;
        this.directory = Files.createDirectories(directory);
        this.undeliverable = directory.resolveSibling(directory.getFileName() + ".undeliverable");
    }

    String notifier() {
        return notifier;
    }

    Path directory() {
        return directory;
    }

    /**
     * Records the notification for delivery and returns once it is on disk; {@code position} orders the deliveries of
     * one result, such as the recipient's place in the list.
     */
    SpooledDelivery add(Notification notification, int position, Instant now) throws IOException {
        SpooledDelivery delivery = new SpooledDelivery(idOf(notification, position), notifier, now, notification);
        DurableFiles.write(fileOf(delivery.id()), Json.delivery(delivery));
        return delivery;
    }

    /** Every waiting delivery, oldest result first; a file that cannot be read is set aside with a warning. */
    List<SpooledDelivery> waiting() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "[0-9]*.json")) {
            entries.forEach(files::add);
        }
        files.sort(null);
        List<SpooledDelivery> deliveries = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String id = name.substring(0, name.length() - ".json".length());
            try {
                deliveries.add(Json.delivery(id, Files.readAllBytes(file)));
            } catch (java.nio.file.NoSuchFileException e) {
                // delivered and removed meanwhile
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "cannot read spooled delivery " + file + " ("
                        + e.getMessage() + "); moving it to " + undeliverable);
                DurableFiles.moveInto(file, undeliverable);
            }
        }
        return deliveries;
    }

    /** Forgets a delivery that was made. */
    void remove(SpooledDelivery delivery) throws IOException {
        DurableFiles.delete(fileOf(delivery.id()));
    }

    /** Moves a delivery that can never be made next to the spool, for an operator to look at. */
    void setAside(SpooledDelivery delivery) throws IOException {
        Path file = fileOf(delivery.id());
        if (Files.exists(file)) {
            DurableFiles.moveInto(file, undeliverable);
        }
    }

    private Path fileOf(String id) {
        return directory.resolve(id + ".json");
    }

    private String idOf(Notification notification, int position) {
        String key = String.join("\u0000", notifier, notification.check(), notification.kind().name(),
                notification.status().name(), notification.time().toString(), notification.recipient().name());
        // Below the millisecond too: results handled together may fall in one, and must still sort in their order.
        return String.format("%013d.%06d-%04d-", notification.time().toEpochMilli(),
                notification.time().getNano() % 1_000_000, position) + sha256(key).substring(0, 24);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A name for a file that holds something about a check, safe for any check name. */
    static String fileNameOf(String check) {
        return sha256(check).substring(0, 32);
    }
}
