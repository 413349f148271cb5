package org.flapjack.notifier;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.flapjack.core.config.ConfigException;
import org.flapjack.core.config.IniSection;
import org.flapjack.core.config.NotifierConfig;
import org.flapjack.core.notify.NotificationRules;

/**
 * How the notifier engine works apart from what to notify: how long a delivery is retried before it is given up, the
 * first and longest pause between retries, how long one wait for a result lasts, and the website checks link to.
 *
 * @param deliveryExpiry how long an undelivered notification is kept and retried
 * @param firstRetry the pause after the first failed attempt; it doubles with each failure
 * @param retryCap the longest pause between attempts
 * @param reserveTimeout how long one wait for a result lasts, which bounds how long stopping takes
 * @param websiteUri the base of links to checks, or null for no links
 */
public record EngineOptions(Duration deliveryExpiry, Duration firstRetry, Duration retryCap, Duration reserveTimeout,
        String websiteUri) {

    /** Deliveries expire after a day; retries start after a second and wait at most a minute. */
    public static final EngineOptions DEFAULT = new EngineOptions(Duration.ofHours(24), Duration.ofSeconds(1),
            Duration.ofMinutes(1), Duration.ofSeconds(1), null);

    public EngineOptions {
        Objects.requireNonNull(deliveryExpiry, "a delivery expiry is needed");
        Objects.requireNonNull(firstRetry, "a first retry pause is needed");
        Objects.requireNonNull(retryCap, "a retry cap is needed");
        Objects.requireNonNull(reserveTimeout, "a reserve timeout is needed");
        websiteUri = websiteUri == null || websiteUri.isBlank() ? null : websiteUri.strip();
    }

    /**
     * The options the {@code [notifier]} section asks for: {@code delivery_expiry} (an interval, default 24 h) and
     * {@code website_uri}; retries as {@link #DEFAULT}.
     */
    public static EngineOptions of(NotifierConfig config) throws ConfigException {
        Optional<IniSection> section = config.ini().section("notifier");
        Optional<String> expiry = section.flatMap(values -> values.get("delivery_expiry"));
        Duration deliveryExpiry = DEFAULT.deliveryExpiry;
        if (expiry.isPresent()) {
            deliveryExpiry = NotificationRules.parseInterval(expiry.get()).orElseThrow(() -> new ConfigException(
                    config.file(), section.get().lineOf("delivery_expiry"), "delivery_expiry as seconds or a number "
                            + "with s, m, h or d (for example 86400 or 24h), not '" + expiry.get() + "'"));
        }
        String website = section.flatMap(values -> values.get("website_uri")).orElse(null);
        return DEFAULT.withDeliveryExpiry(deliveryExpiry).withWebsiteUri(website);
    }

    /** These options with another delivery expiry. */
    public EngineOptions withDeliveryExpiry(Duration expiry) {
        return new EngineOptions(expiry, firstRetry, retryCap, reserveTimeout, websiteUri);
    }

    /** These options with other retry pauses. */
    public EngineOptions withRetries(Duration first, Duration cap) {
        return new EngineOptions(deliveryExpiry, first, cap, reserveTimeout, websiteUri);
    }

    /** These options with another website base for links to checks. */
    public EngineOptions withWebsiteUri(String uri) {
        return new EngineOptions(deliveryExpiry, firstRetry, retryCap, reserveTimeout, uri);
    }
}
