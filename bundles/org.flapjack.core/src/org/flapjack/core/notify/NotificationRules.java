package org.flapjack.core.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flapjack.core.config.ConfigException;
import org.flapjack.core.config.IniSection;
import org.flapjack.core.config.NotifierConfig;
import org.flapjack.core.model.Status;
import org.flapjack.core.notify.Notification.Kind;

/**
 * Decides whether a result calls for a notification, as operators expect from Nagios: on a change into a failing
 * status or between failing statuses, a recovery once a told failure is over, and a reminder every renotify interval
 * while a check keeps failing. {@code notify = every-failure} restores the original rule: every failing result.
 */
public final class NotificationRules {

    /** How often people are reminded of a check that keeps failing unless the config says otherwise. */
    public static final Duration DEFAULT_RENOTIFY_INTERVAL = Duration.ofHours(1);

    private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s*(s|sec|m|min|h|d)?");

    private final boolean everyFailure;
    private final Duration renotifyInterval;

    /** Rules that notify on every failing result when {@code everyFailure}, else on changes and reminders. */
    public NotificationRules(boolean everyFailure, Duration renotifyInterval) {
        if (renotifyInterval.isNegative() || renotifyInterval.isZero()) {
            throw new IllegalArgumentException("the renotify interval must be positive, not " + renotifyInterval);
        }
        this.everyFailure = everyFailure;
        this.renotifyInterval = renotifyInterval;
    }

    /** The rules the {@code notify} and {@code renotify_interval} keys of {@code [notifier]} ask for. */
    public static NotificationRules of(NotifierConfig config) throws ConfigException {
        IniSection section = config.ini().section("notifier").orElseThrow();
        String notify = config.notifySetting().map(value -> value.strip().toLowerCase(Locale.ROOT)).orElse("changes");
        if (!notify.equals("changes") && !notify.equals("every-failure")) {
            throw new ConfigException(config.file(), section.lineOf("notify"),
                    "notify = changes or notify = every-failure, not '" + notify + "'");
        }
        Optional<String> interval = config.renotifyInterval();
        Duration renotify = DEFAULT_RENOTIFY_INTERVAL;
        if (interval.isPresent()) {
            renotify = parseInterval(interval.get()).orElseThrow(() -> new ConfigException(config.file(),
                    section.lineOf("renotify_interval"), "renotify_interval as seconds or a number with s, m, h "
                            + "or d (for example 3600 or 1h), not '" + interval.get() + "'"));
        }
        return new NotificationRules(notify.equals("every-failure"), renotify);
    }

    /**
     * Reads a positive interval written as seconds ({@code 3600}), with a unit ({@code 90s}, {@code 5m}, {@code 1h},
     * {@code 1d}) or in ISO-8601 ({@code PT1H}); empty when the text is none of these.
     */
    public static Optional<Duration> parseInterval(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = INTERVAL.matcher(value);
        Duration duration;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            duration = switch (unit.charAt(0)) {
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return duration.isZero() || duration.isNegative() ? Optional.empty() : Optional.of(duration);
    }

    /** The interval between reminders of a check that keeps failing. */
    public Duration renotifyInterval() {
        return renotifyInterval;
    }

    /** Whether every failing result is notified, as the original Flapjack did. */
    public boolean everyFailure() {
        return everyFailure;
    }

    /**
     * What to tell people about a check whose result has {@code status} at {@code now}, given what they were last
     * told ({@code last}, null when never); empty when nothing.
     */
    public Optional<Kind> decide(Status status, NotifiedState last, Instant now) {
        boolean outstanding = last != null && last.failureOutstanding();
        if (!status.isFailure()) {
            return outstanding ? Optional.of(Kind.RECOVERY) : Optional.empty();
        }
        if (!outstanding || last.status() != status || everyFailure) {
            return Optional.of(Kind.PROBLEM);
        }
        if (!now.isBefore(last.time().plus(renotifyInterval))) {
            return Optional.of(Kind.REMINDER);
        }
        return Optional.empty();
    }
}
