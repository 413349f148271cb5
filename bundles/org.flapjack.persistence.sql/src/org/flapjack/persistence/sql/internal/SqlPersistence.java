package org.flapjack.persistence.sql.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckStatus;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Event;
import org.flapjack.core.model.Node;
import org.flapjack.core.model.Status;
import org.flapjack.core.persistence.Batch;
import org.flapjack.core.persistence.ParentRelation;
import org.flapjack.core.persistence.Persistence;

/** Persistence in an SQL database through plain JDBC; each write that belongs together is one transaction. */
public final class SqlPersistence implements Persistence {

    private static final String CHECK_COLUMNS = "name, node, template, command, params, interval_seconds,"
            + " timeout_seconds, enabled";
    private static final String EVENT_COLUMNS = "check_name, status, output, time_ms";
    /** The tables whose rows belong to a check and go when it is deleted; its events stay as history. */
    private static final List<String> CHECK_ROWS = List.of("check_parents", "check_recipients", "latest_status");
    private static final int BATCH_ROWS = 1000;

    private final SqlAddress address;
    private final Transactions transactions;

    private SqlPersistence(SqlAddress address, Transactions transactions) {
        this.address = address;
        this.transactions = transactions;
    }

    /** Connects, creates or upgrades the schema, and keeps a few connections open for the threads that use it. */
    public static SqlPersistence open(SqlAddress address) {
        int size = address.inMemory() ? 1 : address.dialect() == Dialect.SQLITE ? 4 : 8;
        Transactions transactions = new Transactions(address, new ConnectionPool(address, size));
        try {
            transactions.read("cannot open the database",
                    connection -> {
                        SqlSchema.upgrade(connection, address.dialect(), SqlSchema.LATEST);
                        return null;
                    });
        } catch (RuntimeException e) {
            transactions.close();
            throw e;
        }
        return new SqlPersistence(address, transactions);
    }

    @Override
    public void saveNode(Node node) {
        transactions.write("cannot save node " + node.name(), connection -> {
            update(connection, upsert("nodes", List.of("name"), List.of("params")), node.name(),
                    ParamsColumn.write(node.params()));
            return null;
        });
    }

    @Override
    public Optional<Node> node(String name) {
        return transactions.read("cannot read node " + name, connection -> first(query(connection,
                "SELECT name, params FROM nodes WHERE name = ?", SqlPersistence::node, name)));
    }

    @Override
    public List<Node> nodes() {
        return transactions.read("cannot list nodes", connection -> byName(query(connection,
                "SELECT name, params FROM nodes", SqlPersistence::node), Node::name));
    }

    @Override
    public boolean deleteNode(String name) {
        return transactions.write("cannot delete node " + name,
                connection -> update(connection, "DELETE FROM nodes WHERE name = ?", name) > 0);
    }

    @Override
    public void saveTemplate(CheckTemplate template) {
        transactions.write("cannot save check template " + template.name(), connection -> {
            update(connection, upsert("check_templates", List.of("name"),
                    List.of("command", "params", "interval_seconds", "timeout_seconds")), template.name(),
                    template.command(), ParamsColumn.write(template.params()), template.interval(),
                    template.timeout());
            return null;
        });
    }

    @Override
    public Optional<CheckTemplate> template(String name) {
        return transactions.read("cannot read check template " + name, connection -> first(query(connection,
                "SELECT name, command, params, interval_seconds, timeout_seconds FROM check_templates"
                        + " WHERE name = ?", SqlPersistence::template, name)));
    }

    @Override
    public List<CheckTemplate> templates() {
        return transactions.read("cannot list check templates", connection -> byName(query(connection,
                "SELECT name, command, params, interval_seconds, timeout_seconds FROM check_templates",
                SqlPersistence::template), CheckTemplate::name));
    }

    @Override
    public boolean deleteTemplate(String name) {
        return transactions.write("cannot delete check template " + name,
                connection -> update(connection, "DELETE FROM check_templates WHERE name = ?", name) > 0);
    }

    @Override
    public void saveCheck(Check check) {
        transactions.write("cannot save check " + check.name(), connection -> {
            writeChecks(connection, List.of(check));
            return null;
        });
    }

    /** Writes every check, its parents and its recipients in one transaction, each table by JDBC batches. */
    @Override
    public void saveChecks(Collection<Check> checks) {
        if (checks.isEmpty()) {
            return;
        }
        transactions.write("cannot save " + checks.size() + " checks", connection -> {
            writeChecks(connection, checks);
            return null;
        });
    }

    @Override
    public Optional<Check> check(String name) {
        return transactions.read("cannot read check " + name, connection -> first(checks(connection,
                " WHERE name = ?", " WHERE check_name = ?", name)));
    }

    @Override
    public List<Check> checks() {
        return transactions.read("cannot list checks", connection -> checks(connection, "", ""));
    }

    @Override
    public List<Check> enabledChecks() {
        return transactions.read("cannot list enabled checks", connection -> checks(connection,
                " WHERE enabled = ?", "", true));
    }

    @Override
    public boolean deleteCheck(String name) {
        return transactions.write("cannot delete check " + name, connection -> {
            for (String table : CHECK_ROWS) {
                update(connection, "DELETE FROM " + table + " WHERE check_name = ?", name);
            }
            return update(connection, "DELETE FROM checks WHERE name = ?", name) > 0;
        });
    }

    /** Removes the checks and what belongs to them in one transaction, each table by JDBC batches. */
    @Override
    public void deleteChecks(Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        List<Object[]> rows = names.stream().distinct().map(name -> new Object[] { name }).toList();
        transactions.write("cannot delete " + rows.size() + " checks", connection -> {
            for (String table : CHECK_ROWS) {
                batch(connection, "DELETE FROM " + table + " WHERE check_name = ?", rows);
            }
            batch(connection, "DELETE FROM checks WHERE name = ?", rows);
            return null;
        });
    }

    @Override
    public List<ParentRelation> parentRelations() {
        return transactions.read("cannot list parent relations", connection -> {
            List<ParentRelation> relations = query(connection, "SELECT check_name, parent_name FROM check_parents"
                    + " ORDER BY check_name, ordinal", rows -> new ParentRelation(rows.getString(1),
                            rows.getString(2)));
            relations.sort(Comparator.comparing(ParentRelation::check));
            return relations;
        });
    }

    @Override
    public boolean anyParentFailing(String check) {
        // A check listed as its own parent is skipped: its own failure must not silence it.
        return transactions.read("cannot read the parents of check " + check, connection -> !query(connection,
                "SELECT p.parent_name FROM check_parents p JOIN latest_status s ON s.check_name = p.parent_name"
                        + " WHERE p.check_name = ? AND p.parent_name <> p.check_name AND s.status <> ?",
                rows -> rows.getString(1), check, Status.OK.name()).isEmpty());
    }

    @Override
    public Optional<CheckStatus> latestStatus(String check) {
        return transactions.read("cannot read the status of check " + check,
                connection -> latestStatus(connection, check, ""));
    }

    @Override
    public List<CheckStatus> latestStatuses() {
        return transactions.read("cannot list check statuses", connection -> byName(query(connection,
                "SELECT check_name, status, output, time_ms, worker FROM latest_status", SqlPersistence::status),
                CheckStatus::check));
    }

    @Override
    public void saveLatestStatus(CheckStatus status) {
        transactions.write("cannot save the status of check " + status.check(), connection -> {
            saveLatestStatus(connection, status);
            return null;
        });
    }

    @Override
    public void addEvent(Event event) {
        transactions.write("cannot add an event for check " + event.check(), connection -> {
            addEvent(connection, event);
            return null;
        });
    }

    @Override
    public List<Event> events(String check, int offset, int limit) {
        checkPage(offset, limit);
        return transactions.read("cannot list the events of check " + check, connection -> query(connection,
                "SELECT " + EVENT_COLUMNS + " FROM events WHERE check_name = ? ORDER BY time_ms DESC, id DESC"
                        + " LIMIT ? OFFSET ?", SqlPersistence::event, check, limit, offset));
    }

    @Override
    public List<Event> events(int offset, int limit) {
        checkPage(offset, limit);
        return transactions.read("cannot list events", connection -> query(connection,
                "SELECT " + EVENT_COLUMNS + " FROM events ORDER BY time_ms DESC, id DESC LIMIT ? OFFSET ?",
                SqlPersistence::event, limit, offset));
    }

    @Override
    public Optional<CheckStatus> recordResult(CheckStatus status) {
        return transactions.write("cannot record a result of check " + status.check(),
                connection -> record(connection, status));
    }

    @Override
    public List<Optional<CheckStatus>> recordResults(List<CheckStatus> statuses) {
        if (statuses.size() == 1) {
            return List.of(recordResult(statuses.get(0)));
        }
        // One transaction for them all: one commit, so one sync to disk, instead of one per result.
        return transactions.write("cannot record " + statuses.size() + " results (checks " + statuses.stream()
                .map(CheckStatus::check).distinct().limit(5).collect(Collectors.joining(", "))
                + (statuses.size() > 5 ? ", ..." : "") + ")", connection -> {
                    List<Optional<CheckStatus>> previous = new ArrayList<>(statuses.size());
                    for (CheckStatus status : statuses) {
                        previous.add(record(connection, status));
                    }
                    return previous;
                });
    }

    private Optional<CheckStatus> record(Connection connection, CheckStatus status) throws SQLException {
        Optional<CheckStatus> previous = latestStatus(connection, status.check(), address.dialect().forUpdate());
        saveLatestStatus(connection, status);
        if (status.status().isFailure()) {
            addEvent(connection, new Event(status.check(), status.status(), status.output(), status.time()));
        }
        return previous;
    }

    @Override
    public void recordBatch(Batch batch) {
        transactions.write("cannot record batch " + batch.id(), connection -> {
            update(connection, upsert("batches", List.of("id"), List.of("deployed_at_ms", "check_count",
                    "deployed_by")), batch.id(), batch.deployedAt().toEpochMilli(), batch.checks(),
                    batch.deployedBy());
            return null;
        });
    }

    @Override
    public Optional<Batch> latestBatch() {
        return transactions.read("cannot read the latest batch", connection -> first(query(connection,
                "SELECT id, deployed_at_ms, check_count, deployed_by FROM batches"
                        + " ORDER BY deployed_at_ms DESC, id DESC LIMIT 1",
                rows -> new Batch(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getInt(3),
                        rows.getString(4)))));
    }

    @Override
    public void close() {
        transactions.close();
    }

    @Override
    public String toString() {
        return "sql persistence at " + address;
    }

    private String upsert(String table, List<String> keys, List<String> columns) {
        return address.dialect().upsert(table, keys, columns);
    }

    private List<Check> checks(Connection connection, String checkFilter, String listFilter, Object... parameters)
            throws SQLException {
        Object[] listParameters = listFilter.isEmpty() ? new Object[0] : parameters;
        Map<String, List<String>> parents = lists(connection, "parent_name", "check_parents", listFilter,
                listParameters);
        Map<String, List<String>> recipients = lists(connection, "recipient", "check_recipients", listFilter,
                listParameters);
        List<Check> checks = query(connection, "SELECT " + CHECK_COLUMNS + " FROM checks" + checkFilter,
                rows -> check(rows, parents, recipients), parameters);
        return byName(checks, Check::name);
    }

    private static Map<String, List<String>> lists(Connection connection, String column, String table, String filter,
            Object... parameters) throws SQLException {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        query(connection, "SELECT check_name, " + column + " FROM " + table + filter + " ORDER BY check_name, ordinal",
                rows -> lists.computeIfAbsent(rows.getString(1), name -> new ArrayList<>()).add(rows.getString(2)),
                parameters);
        return lists;
    }

    /** Upserts the checks, then replaces their parents and recipients; a name given twice keeps its last check. */
    private void writeChecks(Connection connection, Collection<Check> checks) throws SQLException {
        Map<String, Check> byName = new LinkedHashMap<>();
        checks.forEach(check -> byName.put(check.name(), check));
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> names = new ArrayList<>();
        List<Object[]> parents = new ArrayList<>();
        List<Object[]> recipients = new ArrayList<>();
        for (Check check : byName.values()) {
            rows.add(new Object[] { check.name(), check.node(), check.template(), check.command(),
                    ParamsColumn.write(check.params()), check.interval(), check.timeout(), check.enabled() });
            names.add(new Object[] { check.name() });
            addOrdinals(parents, check.name(), check.parents());
            addOrdinals(recipients, check.name(), check.recipients());
        }
        batch(connection, upsert("checks", List.of("name"), List.of("node", "template", "command", "params",
                "interval_seconds", "timeout_seconds", "enabled")), rows);
        batch(connection, "DELETE FROM check_parents WHERE check_name = ?", names);
        batch(connection, "DELETE FROM check_recipients WHERE check_name = ?", names);
        batch(connection, "INSERT INTO check_parents (check_name, parent_name, ordinal) VALUES (?, ?, ?)", parents);
        batch(connection, "INSERT INTO check_recipients (check_name, recipient, ordinal) VALUES (?, ?, ?)",
                recipients);
    }

    private static void addOrdinals(List<Object[]> rows, String check, List<String> values) {
        int ordinal = 0;
        // A name listed twice is one relation.
        for (String value : new LinkedHashSet<>(values)) {
            rows.add(new Object[] { check, value, ordinal++ });
        }
    }

    /** Runs SQL once per row, sent in JDBC batches of at most {@link #BATCH_ROWS}. */
    private static void batch(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
                if (++pending == BATCH_ROWS) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }

    private static Optional<CheckStatus> latestStatus(Connection connection, String check, String lock)
            throws SQLException {
        return first(query(connection, "SELECT check_name, status, output, time_ms, worker FROM latest_status"
                + " WHERE check_name = ?" + lock, SqlPersistence::status, check));
    }

    private void saveLatestStatus(Connection connection, CheckStatus status) throws SQLException {
        update(connection, upsert("latest_status", List.of("check_name"), List.of("status", "output", "time_ms",
                "worker")), status.check(), status.status().name(), status.output(), status.time().toEpochMilli(),
                status.worker());
    }

    private static void addEvent(Connection connection, Event event) throws SQLException {
        update(connection, "INSERT INTO events (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?)", event.check(),
                event.status().name(), event.output(), event.time().toEpochMilli());
    }

    private static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("a page needs offset and limit of 0 or more, not " + offset + " and "
                    + limit);
        }
    }

    private static Node node(ResultSet rows) throws SQLException {
        return new Node(rows.getString(1), ParamsColumn.read(rows.getString(2)));
    }

    private static CheckTemplate template(ResultSet rows) throws SQLException {
        return new CheckTemplate(rows.getString(1), rows.getString(2), ParamsColumn.read(rows.getString(3)),
                rows.getInt(4), rows.getInt(5));
    }

    private static Check check(ResultSet rows, Map<String, List<String>> parents,
            Map<String, List<String>> recipients) throws SQLException {
        String name = rows.getString(1);
        return new Check(name, rows.getString(2), rows.getString(3), rows.getString(4),
                ParamsColumn.read(rows.getString(5)), rows.getInt(6), rows.getInt(7), rows.getBoolean(8),
                parents.getOrDefault(name, List.of()), recipients.getOrDefault(name, List.of()));
    }

    private static CheckStatus status(ResultSet rows) throws SQLException {
        return new CheckStatus(rows.getString(1), Status.valueOf(rows.getString(2)), rows.getString(3),
                Instant.ofEpochMilli(rows.getLong(4)), rows.getString(5));
    }

    private static Event event(ResultSet rows) throws SQLException {
        return new Event(rows.getString(1), Status.valueOf(rows.getString(2)), rows.getString(3),
                Instant.ofEpochMilli(rows.getLong(4)));
    }

    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> List<T> query(Connection connection, String sql, RowReader<T> reader, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<T> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(reader.read(rows));
                }
            }
            return found;
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            if (parameter == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else if (parameter instanceof Boolean flag) {
                statement.setBoolean(i + 1, flag);
            } else if (parameter instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else if (parameter instanceof Long number) {
                statement.setLong(i + 1, number);
            } else {
                statement.setString(i + 1, parameter.toString());
            }
        }
    }

    private static <T> Optional<T> first(List<T> found) {
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    // Sorted here rather than by ORDER BY, so that every database's collation gives the same order.
    private static <T> List<T> byName(List<T> found, java.util.function.Function<T, String> name) {
        found.sort(Comparator.comparing(name));
        return found;
    }
}
