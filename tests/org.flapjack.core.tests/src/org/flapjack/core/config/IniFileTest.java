package org.flapjack.core.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IniFileTest {

    private static final Path FILE = Path.of("test.ini");

    @TempDir
    Path directory;

    private static IniFile parse(String text) throws ConfigException {
        return IniFile.parse(FILE, text);
    }

    private static ConfigException refusal(String text) {
        return assertThrows(ConfigException.class, () -> parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { Samples.RECIPIENTS, Samples.NOTIFIER_CONFIG, "", "\n\n", "[a]", "[a]\nk=v",
        "[a]\r\nk = v\r\n\r\n# c\r\n", "\uFEFF[a]\nk=v\n", "# only a comment" })
    void unchangedFileIsWrittenBackByteForByte(String text) throws Exception {
        assertEquals(text, parse(text).text());
    }

    @Test
    void fileOnDiskIsWrittenBackByteForByte() throws Exception {
        Path file = directory.resolve("recipients.ini");
        Files.writeString(file, Samples.RECIPIENTS);

        IniFile.read(file).write();

        assertEquals(Samples.RECIPIENTS, Files.readString(file));
    }

    @Test
    void fileThatIsNotUtf8IsWrittenBackUnchanged() throws Exception {
        Path file = directory.resolve("latin1.ini");
        byte[] bytes = "[J\u00fcrgen]\nemail = j@example.com\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, bytes);

        IniFile ini = IniFile.read(file);
        ini.write();

        assertEquals("J\u00fcrgen", ini.sections().get(0).name());
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void sectionsKeysAndValuesAreRead() throws Exception {
        IniFile ini = parse(Samples.RECIPIENTS);

        assertEquals(List.of("Alice Smith", "Bob", "Carol van der Berg"),
                ini.sections().stream().map(IniSection::name).toList());
        IniSection alice = ini.section("Alice Smith").orElseThrow();
        assertEquals(Optional.of("07700900001"), alice.get("pager"));
        assertEquals(Optional.of("+44 20 7946 0000"), alice.get("phone"));
        assertEquals(7, alice.lineOf("pager"));
        assertEquals(Optional.of("44"), ini.section("Bob").orElseThrow().get("shoe_size"));
    }

    @Test
    void trailingCommentNeedsSpaceBeforeIt() throws Exception {
        IniSection section = parse("[a]\nurl = http://x/#top\nb = 1 #c\nc = 2;3\nd = 4 ;5\ne = #6\n").sections()
                .get(0);

        assertEquals(Map.of("url", "http://x/#top", "b", "1", "c", "2;3", "d", "4", "e", ""), section.values());
    }

    @Test
    void quotedValueKeepsCommentCharactersAndSpaces() throws Exception {
        IniSection section = parse("[a]\np = \" x #y ;z \" # comment\n").sections().get(0);

        assertEquals(Optional.of(" x #y ;z "), section.get("p"));
    }

    @Test
    void laterKeyWins() throws Exception {
        assertEquals(Optional.of("2"), parse("[a]\nk = 1\nk = 2\n").sections().get(0).get("k"));
    }

    @Test
    void setChangesOnlyTheValue() throws Exception {
        IniFile ini = parse(Samples.RECIPIENTS);

        ini.set("Alice Smith", "pager", "07700900999");

        String expected = Samples.RECIPIENTS.replace("pager = 07700900001   # weekdays only",
                "pager = 07700900999   # weekdays only");
        assertEquals(expected, ini.text());
    }

    @Test
    void newKeyFollowsTheSectionsLastKeyInItsStyle() throws Exception {
        IniFile ini = parse(Samples.RECIPIENTS);

        ini.set("Bob", "pager", "07700900002");

        String expected = Samples.RECIPIENTS.replace("\tshoe_size = 44\n", "\tshoe_size = 44\n\tpager = 07700900002\n");
        assertEquals(expected, ini.text());
    }

    @Test
    void newKeyInSectionWithoutKeysFollowsTheHeaderInTheFilesStyle() throws Exception {
        IniFile ini = parse("[a]\n\n[b]\n  x=1\n");

        ini.set("a", "k", "v");

        assertEquals("[a]\n  k=v\n\n[b]\n  x=1\n", ini.text());
    }

    @Test
    void setOnMissingSectionAppendsIt() throws Exception {
        IniFile ini = parse("[a]\nk = v");

        ini.set("new one", "k", "v");

        assertEquals("[a]\nk = v\n\n[new one]\nk = v\n", ini.text());
    }

    @Test
    void valueThatWouldReadAsCommentIsQuoted() throws Exception {
        IniFile ini = parse("[a]\nk = v\n");

        ini.set("a", "k", "x #y");
        ini.set("a", "l", " padded ");

        assertEquals("[a]\nk = \"x #y\"\nl = \" padded \"\n", ini.text());
        assertEquals(Optional.of("x #y"), parse(ini.text()).sections().get(0).get("k"));
    }

    @Test
    void emptyValueGetsItsSpaceBack() throws Exception {
        IniFile ini = parse("[a]\nk = # later\n");

        ini.set("a", "k", "v");

        assertEquals("[a]\nk = v # later\n", ini.text());
    }

    @Test
    void removeDropsOnlyTheKeyLine() throws Exception {
        IniFile ini = parse(Samples.RECIPIENTS);

        assertTrue(ini.remove("Bob", "shoe_size"));

        assertEquals(Samples.RECIPIENTS.replace("\tshoe_size = 44\n", ""), ini.text());
    }

    @Test
    void removeOfMissingKeyChangesNothing() throws Exception {
        IniFile ini = parse(Samples.RECIPIENTS);

        assertFalse(ini.remove("Bob", "fax"));
        assertFalse(ini.remove("Nobody", "email"));

        assertEquals(Samples.RECIPIENTS, ini.text());
    }

    @Test
    void removeSectionTakesItsCommentAndKeepsTheRest() throws Exception {
        IniFile ini = parse(Samples.RECIPIENTS);

        assertTrue(ini.removeSection("Bob"));

        String bob = """
                # Bob covers the night shift.
                [Bob]
                \temail=bob@example.org
                \tjid=bob@jabber.example.org
                \tshoe_size = 44

                """;
        assertEquals(Samples.RECIPIENTS.replace(bob, ""), ini.text());
    }

    @Test
    void removeLastSectionLeavesNoTrailingBlankLine() throws Exception {
        IniFile ini = parse("[a]\nk = v\n\n[b]\nk = w\n");

        ini.removeSection("b");

        assertEquals("[a]\nk = v\n", ini.text());
    }

    @Test
    void movedSectionTakesItsCommentAndTheFileKeepsItsSpacing() throws Exception {
        IniFile ini = parse(Samples.RECIPIENTS);

        ini.moveSection("Carol van der Berg", 0);

        assertEquals("""
                # Who gets told when checks fail.
                ; Maintained by the operations team.

                [Carol van der Berg]  ; contractor
                email = carol+alerts@sub.example.net

                [Alice Smith]
                email = alice@example.com
                phone = +44 20 7946 0000
                  pager = 07700900001   # weekdays only
                jid = alice@jabber.example.com

                # Bob covers the night shift.
                [Bob]
                \temail=bob@example.org
                \tjid=bob@jabber.example.org
                \tshoe_size = 44
                """, ini.text());
    }

    @Test
    void movingTheLastSectionUpKeepsTheFileWithoutAFinalLineBreak() throws Exception {
        IniFile ini = parse("[a]\nk = v\n\n; b\n[b]\nk = w");

        ini.moveSection("b", 0);

        assertEquals("; b\n[b]\nk = w\n\n[a]\nk = v", ini.text());
    }

    @Test
    void movingASectionDownAndBackGivesTheSameText() throws Exception {
        IniFile ini = parse(Samples.RECIPIENTS);

        ini.moveSection("Alice Smith", 2);
        ini.moveSection("Alice Smith", 0);

        assertEquals(Samples.RECIPIENTS, ini.text());
    }

    @Test
    void movingAMissingSectionOrBeyondTheLastIsRefused() throws Exception {
        IniFile ini = parse(Samples.RECIPIENTS);

        assertThrows(IllegalArgumentException.class, () -> ini.moveSection("Dave", 0));
        assertThrows(IllegalArgumentException.class, () -> ini.moveSection("Bob", 3));
        assertEquals(Samples.RECIPIENTS, ini.text());
    }

    @Test
    void addSectionAppendsAfterBlankLine() throws Exception {
        IniFile ini = parse("# top\n[a]\nk = v\n");

        ini.addSection("Dave Jones");

        assertEquals("# top\n[a]\nk = v\n\n[Dave Jones]\n", ini.text());
    }

    @Test
    void windowsLineEndsStayWindowsLineEnds() throws Exception {
        IniFile ini = parse("[a]\r\nk = v\r\n");

        ini.set("a", "l", "w");

        assertEquals("[a]\r\nk = v\r\nl = w\r\n", ini.text());
    }

    @Test
    void refusedEditChangesNothing() throws Exception {
        IniFile ini = parse(Samples.RECIPIENTS);

        assertThrows(IllegalArgumentException.class, () -> ini.set("Bob", "email", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> ini.set("Bob", "bad=key", "v"));
        assertThrows(IllegalArgumentException.class, () -> ini.addSection("Bob"));
        assertThrows(IllegalArgumentException.class, () -> ini.addSection("a]b"));

        assertEquals(Samples.RECIPIENTS, ini.text());
    }

    @Test
    void writeKeepsFilePermissions() throws Exception {
        Path file = directory.resolve("c.ini");
        Files.writeString(file, "[a]\nk = v\n");
        var permissions = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(file, permissions);
        IniFile ini = IniFile.read(file);

        ini.set("a", "k", "w");
        ini.write();

        assertEquals(permissions, Files.getPosixFilePermissions(file));
        assertEquals("[a]\nk = w\n", Files.readString(file));
    }

    @Test
    void keyOutsideSectionIsRefusedAtItsLine() {
        assertEquals("test.ini:3: a [section] header before the first key",
                refusal("# comment\n\nemail = a@example.com\n[a]\n").getMessage());
    }

    @Test
    void unclosedSectionIsRefusedAtItsLine() {
        assertEquals("test.ini:4: a ']' to close the section header",
                refusal("[a]\nk = v\n\n[foo\nk = v\n").getMessage());
    }

    @Test
    void lineThatIsNeitherIsRefusedAtItsLine() {
        assertEquals("test.ini:2: a [section] header, a key = value line or a comment",
                refusal("[a]\njust some words\n").getMessage());
    }

    @Test
    void emptySectionNameIsRefused() {
        assertEquals("test.ini:1: a section name between '[' and ']'", refusal("[ ]\n").getMessage());
    }

    @Test
    void textAfterSectionHeaderIsRefused() {
        assertEquals("test.ini:1: nothing but a comment after the section header's ']'",
                refusal("[a] b\n").getMessage());
    }

    @Test
    void keylessEntryIsRefused() {
        assertEquals("test.ini:2: a key before '='", refusal("[a]\n = v\n").getMessage());
    }

    @Test
    void refusalNamesFileLineAndExpectation() {
        ConfigException e = refusal("[a\n");

        assertEquals(FILE, e.file());
        assertEquals(1, e.line());
        assertEquals("a ']' to close the section header", e.expected());
    }

    @Test
    void toStringShowsNoValues() throws Exception {
        IniFile ini = parse("[xmpp-notifier]\npassword = hunter2\n");

        assertFalse(ini.toString().contains("hunter2"), ini.toString());
        assertFalse(ini.sections().get(0).toString().contains("hunter2"));
        assertFalse(ini.sections().get(0).values().toString().contains("hunter2"));
    }
}
