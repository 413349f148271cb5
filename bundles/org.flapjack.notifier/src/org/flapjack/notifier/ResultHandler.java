package org.flapjack.notifier;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckStatus;
import org.flapjack.core.model.Recipient;
import org.flapjack.core.model.Result;
import org.flapjack.core.model.Status;
import org.flapjack.core.notify.NotificationRules;
import org.flapjack.core.notify.Notification;
import org.flapjack.core.notify.Notification.Kind;
import org.flapjack.core.notify.NotifiedState;
import org.flapjack.core.notify.Notifier;
import org.flapjack.core.persistence.Persistence;

/**
 * Handles one result: stores it as the check's latest status (with an event when it fails), applies the filters,
 * decides whether people are told, and spools one delivery per recipient and notifier. When it returns, everything the
 * result leads to is on disk, so the result may be deleted.
 */
final class ResultHandler {

    private static final System.Logger LOG = System.getLogger(ResultHandler.class.getName());

    private final Persistence persistence;
    private final List<Recipient> everyone;
    private final Map<String, Recipient> byName;
    private final List<Notifier> notifiers;
    private final Map<String, Spool> spools;
    private final NotifiedStates states;
    private final NotificationRules rules;
    private final EngineOptions options;
    private final Clock clock;

    ResultHandler(Persistence persistence, List<Recipient> recipients, List<Notifier> notifiers,
            Map<String, Spool> spools, NotifiedStates states, NotificationRules rules, EngineOptions options,
            Clock clock) {
        this.persistence = persistence;
        this.everyone = List.copyOf(recipients);
        this.byName = recipients.stream().collect(Collectors.toMap(Recipient::name, Function.identity(), (a, b) -> a));
        this.notifiers = List.copyOf(notifiers);
        this.spools = spools;
        this.states = states;
        this.rules = rules;
        this.options = options;
        this.clock = clock;
    }

    /** Handles the result; returns the number of deliveries spooled. */
    int handle(Result result) throws IOException {
        return handle(List.of(result));
    }

    /**
     * Handles results in their order: stores them all in one write, then decides for each whether people are told
     * and spools what they are; returns the number of deliveries spooled.
     */
    int handle(List<Result> results) throws IOException {
        List<CheckStatus> statuses = results.stream().map(this::statusOf).toList();
        List<Optional<CheckStatus>> previous = persistence.recordResults(statuses);
        int spooled = 0;
        for (int turn = 0; turn < results.size(); turn++) {
            Result result = results.get(turn);
            if (result.status().isFailure() && parentFailing(turn, statuses, previous)) {
                LOG.log(System.Logger.Level.DEBUG, () -> "check " + result.check() + " is " + result.status()
                        + " but a parent fails too; not notifying");
            } else {
                spooled += tell(result, statuses.get(turn).time(), previous.get(turn));
            }
        }
        return spooled;
    }

    private CheckStatus statusOf(Result result) {
        Instant time = result.startedAt() == null ? clock.instant() : result.startedAt();
        // Text columns of some stores refuse NUL; a plugin that prints one means no character by it.
        String output = result.output() == null ? null : result.output().replace('\0', '\uFFFD');
        return new CheckStatus(result.check(), result.status(), output, time, result.worker());
    }

    /**
     * Whether a parent of the check at {@code turn} was failing when its result came. All of the results are stored
     * already: those of parents earlier in the list count, later ones do not.
     */
    private boolean parentFailing(int turn, List<CheckStatus> statuses, List<Optional<CheckStatus>> previous) {
        String check = statuses.get(turn).check();
        Set<String> together = statuses.stream().map(CheckStatus::check).collect(Collectors.toSet());
        List<String> parents = persistence.check(check).map(Check::parents).orElse(List.of());
        if (parents.stream().noneMatch(together::contains)) {
            return persistence.anyParentFailing(check);
        }
        return parents.stream().filter(parent -> !parent.equals(check))
                .anyMatch(parent -> statusAt(parent, turn, statuses, previous).filter(Status::isFailure).isPresent());
    }

    /** The latest status of {@code check} just before the result at {@code turn}. */
    private Optional<Status> statusAt(String check, int turn, List<CheckStatus> statuses,
            List<Optional<CheckStatus>> previous) {
        for (int earlier = turn - 1; earlier >= 0; earlier--) {
            if (statuses.get(earlier).check().equals(check)) {
                return Optional.of(statuses.get(earlier).status());
            }
        }
        for (int later = turn + 1; later < statuses.size(); later++) {
            if (statuses.get(later).check().equals(check)) {
                return previous.get(later).map(CheckStatus::status);
            }
        }
        return persistence.latestStatus(check).map(CheckStatus::status);
    }

    /** Decides whether people are told of a stored result, and spools what they are told. */
    private int tell(Result result, Instant time, Optional<CheckStatus> previous) throws IOException {
        NotifiedState last = states.get(result.check());
        Optional<Kind> kind = rules.decide(result.status(), last, time);
        if (kind.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "check " + result.check() + " is " + result.status()
                    + "; nothing new to tell");
            return 0;
        }

        Optional<Check> check = persistence.check(result.check());
        Status before = previous.map(CheckStatus::status).orElse(null);
        Status told = kind.get() == Kind.RECOVERY ? last.status() : before;
        Function<Recipient, Notification> notification = recipient -> new Notification(result.check(),
                check.map(Check::node).orElse(null), result.status(), told, kind.get(), result.output(), time,
                recipient, link(result.check()));
        int spooled = spool(notification, recipientsOf(check));
        states.put(new NotifiedState(result.check(), result.status(), time));
        LOG.log(System.Logger.Level.INFO, () -> "check " + result.check() + " is " + result.status() + ": "
                + kind.get().name().toLowerCase(java.util.Locale.ROOT) + " recorded for " + spooled
                + (spooled == 1 ? " delivery" : " deliveries"));
        return spooled;
    }

    private int spool(Function<Recipient, Notification> notification, List<Recipient> recipients)
            throws IOException {
        Instant now = clock.instant();
        int spooled = 0;
        for (Notifier notifier : notifiers) {
            for (int position = 0; position < recipients.size(); position++) {
                Recipient recipient = recipients.get(position);
                if (notifier.reaches(recipient)) {
                    spools.get(notifier.name()).add(notification.apply(recipient), position, now);
                    spooled++;
                } else {
                    LOG.log(System.Logger.Level.DEBUG, () -> "notifier " + notifier.name() + " has no address for "
                            + recipient.name());
                }
            }
        }
        return spooled;
    }

    /** The people assigned to the check, or everyone when none is (as the original Flapjack did). */
    private List<Recipient> recipientsOf(Optional<Check> check) {
        List<String> assigned = check.map(Check::recipients).orElse(List.of());
        if (assigned.isEmpty()) {
            return everyone;
        }
        List<Recipient> recipients = new ArrayList<>();
        for (String name : assigned) {
            Recipient recipient = byName.get(name);
            if (recipient == null) {
                LOG.log(System.Logger.Level.WARNING, () -> "check " + check.get().name() + " is assigned to " + name
                        + ", who is not in the recipients file; not notifying them");
            } else {
                recipients.add(recipient);
            }
        }
        return recipients;
    }

    private String link(String check) {
        if (options.websiteUri() == null) {
            return null;
        }
        String base = options.websiteUri().endsWith("/") ? options.websiteUri() : options.websiteUri() + "/";
        return base + "checks/" + URLEncoder.encode(check, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
