package org.flapjack.core.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.flapjack.core.model.Recipient;

/**
 * The recipients file: one section per person, named after them, with {@code email}, {@code phone},
 * {@code pager} and {@code jid} keys. Other keys and sections' comments survive an edit and a write.
 */
public final class RecipientsFile {

    static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>.]+(\\.[^@\\s<>.]+)*");

    private static final List<String> KEYS = List.of("email", "phone", "pager", "jid");

    private final IniFile ini;

    private RecipientsFile(IniFile ini) {
        this.ini = ini;
    }

    /** Reads and checks the file. */
    public static RecipientsFile read(Path file) throws IOException, ConfigException {
        return check(IniFile.read(file));
    }

    /** Reads and checks recipients text; {@code file} names it in refusals and is where it is written. */
    public static RecipientsFile parse(Path file, String text) throws ConfigException {
        return check(IniFile.parse(file, text));
    }

    private static RecipientsFile check(IniFile ini) throws ConfigException {
        Map<String, Integer> seen = new HashMap<>();
        for (IniSection section : ini.sections()) {
            Integer earlier = seen.putIfAbsent(section.name(), section.line());
            if (earlier != null) {
                throw new ConfigException(ini.file(), section.line(),
                        "one section per person, but [" + section.name() + "] is at line " + earlier + " already");
            }
            String email = section.get("email").orElse("");
            if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
                throw new ConfigException(ini.file(), section.lineOf("email"),
                        "an email address like name@example.com for " + section.name() + ", not '" + email + "'");
            }
        }
        return new RecipientsFile(ini);
    }

    /** The file these recipients live in. */
    public Path file() {
        return ini.file();
    }

    /** Everyone in the file, in file order; a key that is absent or empty is null. */
    public List<Recipient> recipients() {
        return ini.sections().stream().map(RecipientsFile::recipient).toList();
    }

    private static Recipient recipient(IniSection section) {
        return new Recipient(section.name(), value(section, "email"), value(section, "phone"),
                value(section, "pager"), value(section, "jid"));
    }

    private static String value(IniSection section, String key) {
        return section.get(key).filter(value -> !value.isEmpty()).orElse(null);
    }

    /**
     * Adds the person or changes their keys in place; a null or empty field removes its key. Nothing changes when
     * the email is not an address.
     */
    public void put(Recipient recipient) {
        if (recipient.email() != null && !recipient.email().isEmpty()
                && !EMAIL.matcher(recipient.email()).matches()) {
            throw new IllegalArgumentException("an email address like name@example.com for " + recipient.name()
                    + ", not '" + recipient.email() + "'");
        }
        IniFile.checkSectionName(recipient.name());
        String[] values = { recipient.email(), recipient.phone(), recipient.pager(), recipient.jid() };
        for (String value : values) {
            if (value != null) {
                IniFile.checkValue(value);
            }
        }
        if (ini.section(recipient.name()).isEmpty()) {
            ini.addSection(recipient.name());
        }
        for (int i = 0; i < KEYS.size(); i++) {
            if (values[i] == null || values[i].isEmpty()) {
                ini.remove(recipient.name(), KEYS.get(i));
            } else {
                ini.set(recipient.name(), KEYS.get(i), values[i]);
            }
        }
    }

    /** Removes the person's section and the comment right above it; false when there was no such person. */
    public boolean remove(String name) {
        return ini.removeSection(name);
    }

    /**
     * Puts the people in the order of NAMES, which must name each of them once; each keeps the comment right above
     * their section, and the blank lines between sections stay where they were.
     */
    public void reorder(List<String> names) {
        List<String> current = ini.sections().stream().map(IniSection::name).toList();
        if (names.size() != current.size() || !new HashSet<>(names).equals(new HashSet<>(current))) {
            throw new IllegalArgumentException("a new order must name everyone in " + ini.file() + " once: "
                    + current + ", not " + names);
        }
        for (int i = 0; i < names.size(); i++) {
            ini.moveSection(names.get(i), i);
        }
    }

    /** The file's text as it would be written. */
    public String text() {
        return ini.text();
    }

    /** Writes the file back in one step. */
    public void write() throws IOException {
        ini.write();
    }

    @Override
    public String toString() {
        return "RecipientsFile[" + ini.file() + ", " + ini.sections().size() + " recipients]";
    }
}
