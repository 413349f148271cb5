package org.flapjack.console.model;

import java.util.Optional;
import java.util.regex.Pattern;

import org.flapjack.core.model.Recipient;

/** The rules each field of a recipient keeps before it is written to the recipients file. */
public final class RecipientFields {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>.]+(\\.[^@\\s<>.]+)*");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]*[0-9]");
    private static final Pattern PAGER = Pattern.compile("[0-9][0-9 -]*[0-9]");
    private static final Pattern JID = Pattern.compile("[^@/\\s\"&'<>:]+@[^@/\\s]+(/\\S+)?");

    private RecipientFields() {
    }

    /** The first problem of RECIPIENT, in words for the person typing it; empty when it may be written. */
    public static Optional<String> problem(Recipient recipient) {
        if (recipient.name().contains("[") || recipient.name().contains("]")) {
            return Optional.of("a name cannot hold [ or ]");
        }
        if (!matches(EMAIL, recipient.email())) {
            return Optional.of("email: an address like ada@example.org, not '" + recipient.email() + "'");
        }
        if (!matches(PHONE, recipient.phone()) || digits(recipient.phone()) > 0 && digits(recipient.phone()) < 3) {
            return Optional.of("phone: digits, spaces and + ( ) - . / only, like +44 20 7946 0000, not '"
                    + recipient.phone() + "'");
        }
        if (!matches(PAGER, recipient.pager()) && !matches(EMAIL, recipient.pager())) {
            return Optional.of("pager: a pager number like 5551234 or a pager email address, not '"
                    + recipient.pager() + "'");
        }
        if (!matches(JID, recipient.jid())) {
            return Optional.of("jid: a Jabber ID like ada@chat.example.org, not '" + recipient.jid() + "'");
        }
        if (blank(recipient.email()) && blank(recipient.phone()) && blank(recipient.pager())
                && blank(recipient.jid())) {
            return Optional.of("give at least one way to reach " + recipient.name());
        }
        return Optional.empty();
    }

    private static boolean matches(Pattern pattern, String value) {
        return blank(value) || pattern.matcher(value.strip()).matches();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static long digits(String value) {
        return value == null ? 0 : value.chars().filter(Character::isDigit).count();
    }
}
