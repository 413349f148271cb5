package org.flapjack.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small JSON file a worker keeps in the run directory for the worker manager's status:
 * {@code {"pid":123,"started":"2025-01-01T00:00:00Z","checksRun":42}}.
 *
 * @param pid the worker's process id
 * @param started when the worker started
 * @param checksRun how many checks it ran so far
 */
record WorkerStatusFile(long pid, Instant started, long checksRun) {

    private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");

    private static final Pattern STARTED = Pattern.compile("\"started\"\\s*:\\s*\"([^\"]+)\"");

    private static final Pattern CHECKS_RUN = Pattern.compile("\"checksRun\"\\s*:\\s*(\\d+)");

    /** The status file of the worker with this pid in {@code runDir}. */
    static Path path(Path runDir, long pid) {
        return runDir.resolve("flapjack-worker-" + pid + ".json");
    }

    String toJson() {
        return "{\"pid\":" + pid + ",\"started\":\"" + started + "\",\"checksRun\":" + checksRun + "}";
    }

    /** Writes the file whole, through a temporary file, so a reader never sees half of it. */
    void write(Path runDir) throws IOException {
        Path target = path(runDir, pid);
        Path temporary = runDir.resolve("." + target.getFileName() + ".tmp");
        Files.writeString(temporary, toJson() + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The status the worker {@code pid} wrote last, if it wrote one that can be read. */
    static Optional<WorkerStatusFile> read(Path runDir, long pid) {
        try {
            String json = Files.readString(path(runDir, pid), StandardCharsets.UTF_8);
            Matcher started = STARTED.matcher(json);
            Matcher checksRun = CHECKS_RUN.matcher(json);
            Matcher pidMatch = PID.matcher(json);
            if (!started.find() || !checksRun.find() || !pidMatch.find()) {
                return Optional.empty();
            }
            return Optional.of(new WorkerStatusFile(Long.parseLong(pidMatch.group(1)), Instant.parse(started.group(1)),
                Long.parseLong(checksRun.group(1))));
        } catch (IOException | DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
