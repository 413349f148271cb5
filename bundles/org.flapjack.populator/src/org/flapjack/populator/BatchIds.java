package org.flapjack.populator;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes batch ids that sort by the time they were made, such as {@code 20250314T093000.123Z-5f2c9a01}: the UTC time
 * to the millisecond, then 32 random bits so that two deploys in the same millisecond still differ.
 */
public final class BatchIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
        .withZone(ZoneOffset.UTC);

    private BatchIds() {
    }

    /** A new id for a batch deployed now. */
    public static String next() {
        return next(Clock.systemUTC());
    }

    static String next(Clock clock) {
        return TIME.format(clock.instant()) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }
}
