package org.flapjack.core.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The notifier config: {@code [notifier]} with {@code notifier-directories} (space separated) and
 * {@code notifiers} (comma and/or space separated), optionally {@code notify} and {@code renotify_interval};
 * {@code [persistence]} and {@code [transport]} naming a backend and its settings (an SQL backend without a uri uses
 * the default SQLite file); and a {@code [NAME-notifier]} section for each built-in notifier that needs settings.
 * Other sections and keys are kept and ignored; a key given twice in one section is refused.
 */
public final class NotifierConfig {

    /** The persistence backend names a file may use, and the name each stands for. */
    private static final Map<String, String> PERSISTENCE_BACKENDS = Map.of("couchdb", "couchdb", "sql", "sql",
            "data_mapper", "sql", "datamapper", "sql");
    private static final List<String> TRANSPORT_BACKENDS = List.of("beanstalkd");

    /** The keys each built-in notifier needs in its section; notifiers not named here need no section. */
    private static final Map<String, List<String>> REQUIRED_KEYS = Map.of("mailer", List.of("from_address"),
            "xmpp", List.of("jid", "password"));

    /** user@domain, optionally with a /resource. */
    private static final Pattern JID = Pattern.compile("[^@\\s/]+@[^@\\s/.]+(\\.[^@\\s/.]+)*(/\\S+)?");

    private final IniFile ini;

    private NotifierConfig(IniFile ini) {
        this.ini = ini;
    }

    /** Reads and checks the file. */
    public static NotifierConfig read(Path file) throws IOException, ConfigException {
        return check(IniFile.read(file));
    }

    /** Reads and checks config text; {@code file} names it in refusals. */
    public static NotifierConfig parse(Path file, String text) throws ConfigException {
        return check(IniFile.parse(file, text));
    }

    /** Checks everything and refuses the file for the problem that comes first in it. */
    private static NotifierConfig check(IniFile ini) throws ConfigException {
        List<ConfigException> problems = new ArrayList<>();
        collect(problems, () -> refuseRepeatedSections(ini));
        collect(problems, () -> refuseRepeatedKeys(ini));
        NotifierConfig config = new NotifierConfig(ini);
        Optional<IniSection> notifier = ini.section("notifier");
        if (notifier.isEmpty()) {
            problems.add(new ConfigException(ini.file(), ini.lineCount(), "a [notifier] section"));
        }
        for (String name : notifier.isPresent() ? config.notifiers() : List.<String>of()) {
            collect(problems, () -> checkNotifierSection(ini, notifier.get(), name));
        }
        Optional<IniSection> persistence = ini.section("persistence");
        if (persistence.isPresent()) {
            collect(problems, () -> checkPersistence(ini.file(), persistence.get()));
        }
        Optional<IniSection> transport = ini.section("transport");
        if (transport.isPresent()) {
            collect(problems, () -> checkTransport(ini.file(), transport.get()));
        }
        Optional<ConfigException> first = problems.stream().min(Comparator.comparingInt(ConfigException::line));
        if (first.isPresent()) {
            throw first.get();
        }
        return config;
    }

    /** One check of the file, which stops at its first problem. */
    private interface Rule {
        void check() throws ConfigException;
    }

    private static void collect(List<ConfigException> problems, Rule rule) {
        try {
            rule.check();
        } catch (ConfigException e) {
            problems.add(e);
        }
    }

    private static void refuseRepeatedKeys(IniFile ini) throws ConfigException {
        for (IniSection section : ini.sections()) {
            for (Map.Entry<String, Integer> repeat : section.repeatedKeys().entrySet()) {
                throw new ConfigException(ini.file(), repeat.getValue(), "one " + repeat.getKey() + " in ["
                        + section.name() + "], but it is given above already");
            }
        }
    }

    private static void refuseRepeatedSections(IniFile ini) throws ConfigException {
        Map<String, Integer> seen = new HashMap<>();
        for (IniSection section : ini.sections()) {
            Integer earlier = seen.putIfAbsent(section.name(), section.line());
            if (earlier != null) {
                throw new ConfigException(ini.file(), section.line(),
                        "one [" + section.name() + "] section, but it is at line " + earlier + " already");
            }
        }
    }

    private static void checkNotifierSection(IniFile ini, IniSection notifier, String name) throws ConfigException {
        List<String> required = REQUIRED_KEYS.get(name);
        if (required == null) {
            return;
        }
        String sectionName = name + "-notifier";
        Optional<IniSection> section = ini.section(sectionName);
        if (section.isEmpty()) {
            throw new ConfigException(ini.file(), notifier.lineOf("notifiers"), "a [" + sectionName
                    + "] section with " + String.join(" and ", required) + " for the " + name + " notifier");
        }
        List<String> missing = required.stream()
                .filter(key -> section.get().get(key).filter(value -> !value.isBlank()).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new ConfigException(ini.file(), section.get().line(),
                    String.join(" and ", missing) + " in [" + sectionName + "]");
        }
        checkShape(ini.file(), section.get(), "from_address", RecipientsFile.EMAIL,
                "an email address like flapjack@example.com");
        checkShape(ini.file(), section.get(), "jid", JID, "a Jabber ID like flapjack@jabber.example.com");
    }

    private static void checkShape(Path file, IniSection section, String key, Pattern shape, String expected)
            throws ConfigException {
        Optional<String> value = section.get(key).map(String::strip);
        if (value.isPresent() && !shape.matcher(value.get()).matches()) {
            throw new ConfigException(file, section.lineOf(key), expected + " for " + key + " in [" + section.name()
                    + "], not '" + value.get() + "'");
        }
    }

    private static void checkPersistence(Path file, IniSection section) throws ConfigException {
        String backend = section.get("backend").map(NotifierConfig::normalized).orElse("");
        if (!PERSISTENCE_BACKENDS.containsKey(backend)) {
            throw new ConfigException(file, section.lineOf("backend"), "a persistence backend: "
                    + "couchdb, sql, data_mapper or datamapper" + shownIfPresent(section, "backend"));
        }
        checkPort(file, section);
    }

    private static void checkTransport(Path file, IniSection section) throws ConfigException {
        String backend = section.get("backend").map(NotifierConfig::normalized).orElse("beanstalkd");
        if (!TRANSPORT_BACKENDS.contains(backend)) {
            throw new ConfigException(file, section.lineOf("backend"),
                    "a transport backend: beanstalkd" + shownIfPresent(section, "backend"));
        }
        checkPort(file, section);
    }

    private static void checkPort(Path file, IniSection section) throws ConfigException {
        Optional<String> port = section.get("port");
        if (port.isPresent() && !isPort(port.get())) {
            throw new ConfigException(file, section.lineOf("port"),
                    "a port number from 1 to 65535 in [" + section.name() + "], not '" + port.get() + "'");
        }
    }

    private static boolean isPort(String port) {
        return port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
    }

    private static String shownIfPresent(IniSection section, String key) {
        return section.get(key).map(value -> ", not '" + value + "'").orElse("");
    }

    private static String normalized(String backend) {
        return backend.strip().toLowerCase(Locale.ROOT);
    }

    /** The file this config was read from. */
    public Path file() {
        return ini.file();
    }

    /** The file as INI, for editing and writing back. */
    public IniFile ini() {
        return ini;
    }

    /** The directories searched for notifier plugins, in order. */
    public List<Path> notifierDirectories() {
        return words(setting("notifier", "notifier-directories"), "\\s+").stream().map(Path::of).toList();
    }

    /** The names of the notifiers to send through, in order. */
    public List<String> notifiers() {
        return words(setting("notifier", "notifiers"), "[,\\s]+");
    }

    /** The {@code notify} setting of {@code [notifier]}, as written. */
    public Optional<String> notifySetting() {
        return setting("notifier", "notify");
    }

    /** The {@code renotify_interval} setting of {@code [notifier]}, as written. */
    public Optional<String> renotifyInterval() {
        return setting("notifier", "renotify_interval");
    }

    /** The {@code [persistence]} section as written, backend included; empty when there is none. */
    public Map<String, String> persistence() {
        return sectionValues("persistence");
    }

    /** The persistence backend: {@code couchdb} or {@code sql} (which data_mapper and datamapper stand for). */
    public Optional<String> persistenceBackend() {
        return setting("persistence", "backend").map(NotifierConfig::normalized).map(PERSISTENCE_BACKENDS::get);
    }

    /** The {@code [transport]} section as written; empty when there is none. */
    public Map<String, String> transport() {
        return sectionValues("transport");
    }

    /** The transport backend; {@code beanstalkd} unless the file says otherwise. */
    public String transportBackend() {
        return setting("transport", "backend").map(NotifierConfig::normalized).orElse("beanstalkd");
    }

    /** The settings of the {@code [NAME-notifier]} section; empty when there is none. */
    public Map<String, String> notifierSettings(String notifier) {
        return sectionValues(notifier + "-notifier");
    }

    private Optional<String> setting(String section, String key) {
        return ini.section(section).flatMap(values -> values.get(key));
    }

    private Map<String, String> sectionValues(String section) {
        return ini.section(section).map(IniSection::values).orElseGet(() -> new Settings(Map.of()));
    }

    private static List<String> words(Optional<String> value, String separators) {
        return value.map(text -> Arrays.stream(text.strip().split(separators)).filter(word -> !word.isEmpty())
                .toList()).orElse(List.of());
    }

    /** Names the file, notifiers and backends, never a password. */
    @Override
    public String toString() {
        return "NotifierConfig[" + ini.file() + ", notifiers " + notifiers() + ", persistence "
                + persistenceBackend().orElse("none") + ", transport " + transportBackend() + "]";
    }
}
