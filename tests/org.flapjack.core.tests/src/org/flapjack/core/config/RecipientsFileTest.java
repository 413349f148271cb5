package org.flapjack.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.flapjack.core.model.Recipient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientsFileTest {

    private static final Path FILE = Path.of("recipients.ini");

    @TempDir
    Path directory;

    private static ConfigException refusal(String text) {
        return assertThrows(ConfigException.class, () -> RecipientsFile.parse(FILE, text));
    }

    @Test
    void everyPersonIsReadInFileOrder() throws Exception {
        List<Recipient> recipients = RecipientsFile.parse(FILE, Samples.RECIPIENTS).recipients();

        assertEquals(List.of(
                new Recipient("Alice Smith", "alice@example.com", "+44 20 7946 0000", "07700900001",
                        "alice@jabber.example.com"),
                new Recipient("Bob", "bob@example.org", null, null, "bob@jabber.example.org"),
                new Recipient("Carol van der Berg", "carol+alerts@sub.example.net", null, null, null)),
                recipients);
    }

    @Test
    void readFromDisk() throws Exception {
        Path file = directory.resolve("recipients.ini");
        Files.writeString(file, Samples.RECIPIENTS);

        assertEquals(3, RecipientsFile.read(file).recipients().size());
    }

    @Test
    void emptyFileHasNobody() throws Exception {
        assertEquals(List.of(), RecipientsFile.parse(FILE, "# nobody yet\n").recipients());
    }

    @Test
    void changedPersonIsWrittenBackWithEverythingElseKept() throws Exception {
        Path file = directory.resolve("recipients.ini");
        Files.writeString(file, Samples.RECIPIENTS);
        RecipientsFile recipients = RecipientsFile.read(file);

        recipients.put(new Recipient("Bob", "robert@example.org", "+1 555 0100", null, "bob@jabber.example.org"));
        recipients.write();

        String expected = Samples.RECIPIENTS.replace("\temail=bob@example.org\n", "\temail=robert@example.org\n")
                .replace("\tshoe_size = 44\n", "\tshoe_size = 44\n\tphone = +1 555 0100\n");
        assertEquals(expected, Files.readString(file));
    }

    @Test
    void newPersonIsAppended() throws Exception {
        RecipientsFile recipients = RecipientsFile.parse(FILE, Samples.RECIPIENTS);

        recipients.put(new Recipient("Dave Jones", "dave@example.com", null, "555", null));

        assertEquals(Samples.RECIPIENTS + "\n[Dave Jones]\nemail = dave@example.com\npager = 555\n",
                recipients.text());
        assertEquals(4, RecipientsFile.parse(FILE, recipients.text()).recipients().size());
    }

    @Test
    void emptyFieldRemovesItsKey() throws Exception {
        RecipientsFile recipients = RecipientsFile.parse(FILE, "[A]\nemail = a@example.com\njid = a@x.org\n");

        recipients.put(new Recipient("A", "a@example.com", null, null, ""));

        assertEquals("[A]\nemail = a@example.com\n", recipients.text());
    }

    @Test
    void removedPersonTakesTheirCommentAlong() throws Exception {
        RecipientsFile recipients = RecipientsFile.parse(FILE, Samples.RECIPIENTS);

        recipients.remove("Bob");

        assertEquals(List.of("Alice Smith", "Carol van der Berg"),
                recipients.recipients().stream().map(Recipient::name).toList());
    }

    @Test
    void reorderedPeopleKeepTheirCommentsAndUnknownKeys() throws Exception {
        RecipientsFile recipients = RecipientsFile.parse(FILE, Samples.RECIPIENTS);

        recipients.reorder(List.of("Bob", "Carol van der Berg", "Alice Smith"));

        assertEquals(List.of("Bob", "Carol van der Berg", "Alice Smith"),
                recipients.recipients().stream().map(Recipient::name).toList());
        String text = recipients.text();
        assertTrue(text.startsWith("# Who gets told when checks fail.\n; Maintained by the operations team.\n\n"
                + "# Bob covers the night shift.\n[Bob]\n"), text);
        assertTrue(text.contains("\tshoe_size = 44\n"), text);
        assertTrue(text.contains("  pager = 07700900001   # weekdays only\n"), text);
    }

    @Test
    void anOrderThatLeavesSomeoneOutIsRefused() throws Exception {
        RecipientsFile recipients = RecipientsFile.parse(FILE, Samples.RECIPIENTS);

        assertThrows(IllegalArgumentException.class, () -> recipients.reorder(List.of("Bob", "Alice Smith")));
        assertThrows(IllegalArgumentException.class, () -> recipients.reorder(List.of("Bob", "Bob", "Alice Smith")));
        assertEquals(Samples.RECIPIENTS, recipients.text());
    }

    @Test
    void putWithBadEmailChangesNothing() throws Exception {
        RecipientsFile recipients = RecipientsFile.parse(FILE, Samples.RECIPIENTS);

        assertThrows(IllegalArgumentException.class,
                () -> recipients.put(new Recipient("Bob", "not an address", null, null, null)));
        assertThrows(IllegalArgumentException.class,
                () -> recipients.put(new Recipient("Bob", "bob@example.org", "1\n2", null, null)));

        assertEquals(Samples.RECIPIENTS, recipients.text());
    }

    @Test
    void duplicatePersonIsRefusedAtTheSecondSection() {
        String text = """
                [Alice]
                email = a@example.com

                [Bob]
                email = b@example.com

                [Alice]
                email = a2@example.com
                """;

        assertEquals("recipients.ini:7: one section per person, but [Alice] is at line 1 already",
                refusal(text).getMessage());
    }

    @Test
    void sectionNamesAreComparedWithoutSurroundingSpaces() {
        assertEquals("recipients.ini:2: one section per person, but [Alice] is at line 1 already",
                refusal("[Alice]\n[ Alice ]\n").getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "alice", "alice@", "@example.com", "alice@@example.com", "alice example@x.com",
        "Alice <alice@example.com>", "alice@example..com", "alice@.example.com", "alice@example.com." })
    void emailThatIsNotAnAddressIsRefusedAtItsLine(String email) {
        String text = "# team\n[Alice]\nphone = 1\nemail = " + email + "\n";

        assertEquals("recipients.ini:4: an email address like name@example.com for Alice, not '" + email + "'",
                refusal(text).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "a@example.com", "first.last+tag@mail.example.co.uk", "root@localhost",
        "o'brien@example.ie" })
    void realAddressesAreAccepted(String email) throws Exception {
        assertEquals(email, RecipientsFile.parse(FILE, "[A]\nemail = " + email).recipients().get(0).email());
    }

    @Test
    void keyOutsideSectionIsRefused() {
        assertEquals("recipients.ini:1: a [section] header before the first key",
                refusal("email = a@example.com\n[A]\n").getMessage());
    }

    @Test
    void refusedFileOnDiskIsLeftAlone() throws Exception {
        Path file = directory.resolve("recipients.ini");
        String text = "[A]\nemail = nope\n";
        Files.writeString(file, text);

        assertThrows(ConfigException.class, () -> RecipientsFile.read(file));

        assertEquals(text, Files.readString(file));
    }
}
