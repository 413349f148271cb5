package org.flapjack.core.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckStatus;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Event;
import org.flapjack.core.model.Node;

/**
 * Where Flapjack keeps what operators define (nodes, check templates, checks with their parents and recipients) and
 * what it learns while running (latest status per check, events, deployed batches). One instance is safe to use from
 * many threads, and several instances, in one process or several, may use the same store at once.
 *
 * <p>Names are the keys: saving under a name that exists replaces the stored value. Times are kept to the
 * millisecond. Every method may throw {@link PersistenceException} when the store cannot be read or written.
 */
public interface Persistence extends AutoCloseable {

    /** Stores a node, replacing the one of the same name. */
    void saveNode(Node node);

    /** The node of this name, if stored. */
    Optional<Node> node(String name);

    /** Every node, ordered by name. */
    List<Node> nodes();

    /** Removes the node of this name; false when there was none. */
    boolean deleteNode(String name);

    /** Stores a check template, replacing the one of the same name. */
    void saveTemplate(CheckTemplate template);

    /** The check template of this name, if stored. */
    Optional<CheckTemplate> template(String name);

    /** Every check template, ordered by name. */
    List<CheckTemplate> templates();

    /** Removes the check template of this name; false when there was none. */
    boolean deleteTemplate(String name);

    /**
     * Stores a check with its parents and assigned recipients in one atomic write, replacing the check of the same
     * name and all its earlier parents and recipients. A parent may name a check that is not stored (yet).
     */
    void saveCheck(Check check);

    /**
     * Stores many checks as {@link #saveCheck} stores one, in as few round trips as the store allows: what saving
     * thousands of edited checks at once needs. A backend with transactions writes them all or none; CouchDB writes
     * each check atomically. This default saves them one by one, for a backend that has no batch write.
     */
    default void saveChecks(Collection<Check> checks) {
        checks.forEach(this::saveCheck);
    }

    /** The check of this name with its parents and recipients in the order they were saved, if stored. */
    Optional<Check> check(String name);

    /** Every check, ordered by name. */
    List<Check> checks();

    /** The checks whose enabled flag is set, ordered by name: what a deploy puts on the jobs tube. */
    List<Check> enabledChecks();

    /**
     * Removes the check, its parents, its recipients and its latest status; its events stay as history. Checks that
     * name it as a parent keep the name, which blocks nothing while no status is stored for it.
     */
    boolean deleteCheck(String name);

    /**
     * Removes many checks as {@link #deleteCheck} removes one, in as few round trips as the store allows; names that
     * are not stored are skipped. This default deletes them one by one, for a backend that has no batch write.
     */
    default void deleteChecks(Collection<String> names) {
        names.forEach(this::deleteCheck);
    }

    /** Every stored (child, parent) relation, ordered by child then in the child's parent order. */
    List<ParentRelation> parentRelations();

    /**
     * Whether a direct parent of this check has a latest status other than ok. Only direct parents count, as in the
     * original Flapjack: a failing grandparent normally makes the parent fail too, and a cycle of parents can neither
     * loop nor block a check whose parents are all ok. A parent without a status blocks nothing.
     */
    boolean anyParentFailing(String check);

    /** The latest status of this check, if one was recorded. */
    Optional<CheckStatus> latestStatus(String check);

    /** The latest status of every check that has one, ordered by check name. */
    List<CheckStatus> latestStatuses();

    /** Replaces the latest status of its check, without adding an event. */
    void saveLatestStatus(CheckStatus status);

    /** Appends an event to its check's history. */
    void addEvent(Event event);

    /** Events of one check, newest first, skipping {@code offset} and returning at most {@code limit}. */
    List<Event> events(String check, int offset, int limit);

    /** Events of all checks, newest first, skipping {@code offset} and returning at most {@code limit}. */
    List<Event> events(int offset, int limit);

    /**
     * Records a result in one atomic write: the status becomes its check's latest status and, when it is a failure
     * (not ok), an event with the same status, output and time is appended. Returns the latest status the check had
     * just before, so a caller can tell a change from a repeat.
     */
    Optional<CheckStatus> recordResult(CheckStatus status);

    /**
     * Records several results in their order, each as {@link #recordResult} does, in one write where the store
     * allows it (all or none); returns the latest status each check had just before its result, in the same order.
     */
    default List<Optional<CheckStatus>> recordResults(List<CheckStatus> statuses) {
        List<Optional<CheckStatus>> previous = new ArrayList<>(statuses.size());
        for (CheckStatus status : statuses) {
            previous.add(recordResult(status));
        }
        return previous;
    }

    /** Stores a deployed batch, replacing one with the same id. */
    void recordBatch(Batch batch);

    /** The batch deployed most recently (latest {@code deployedAt}), if any. */
    Optional<Batch> latestBatch();

    /** Releases connections and other resources; the instance is unusable afterwards. */
    @Override
    void close();
}
