package org.flapjack.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandRendererTest {

    @TempDir
    Path directory;

    private static Check check(String command, Map<String, String> params) {
        return new Check("c", null, null, command, params, 60, 10, true, List.of(), List.of());
    }

    /** Runs the command line through /bin/sh in the temporary directory and returns what it printed. */
    private String runInShell(String commandLine) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/bin/sh", "-c", commandLine).directory(directory.toFile())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the shell did not finish");
        return output;
    }

    @Test
    void nodeNameFillsFqdnAndName() {
        String rendered = CommandRenderer.render(check("check_ping -H $FQDN -n ${NAME}", null),
                new Node("web1.example.com"), null);

        assertEquals("check_ping -H 'web1.example.com' -n 'web1.example.com'", rendered);
    }

    @Test
    void laterSourceWins() {
        Node node = new Node("web1", Map.of("PORT", "1", "A", "node"));
        CheckTemplate template = new CheckTemplate("http", "check_http -H $FQDN -p $PORT -a $A -b $B",
                Map.of("PORT", "2", "B", "template"), 60, 10);
        Check check = new Check("http web1", "web1", "http", null, Map.of("PORT", "3"), 60, 10, true, null, null);

        assertEquals("check_http -H 'web1' -p '3' -a 'node' -b 'template'",
                CommandRenderer.render(check, node, template));
    }

    @Test
    void checkCommandWinsOverTemplateCommand() {
        CheckTemplate template = new CheckTemplate("t", "from template", null, 60, 10);

        assertEquals("from check", CommandRenderer.render(check("from check", null), null, template));
    }

    @Test
    void templateCommandServesWhenCheckHasNone() {
        CheckTemplate template = new CheckTemplate("t", "check_load -w $W", Map.of("W", "5"), 60, 10);

        assertEquals("check_load -w '5'", CommandRenderer.render(check(null, null), null, template));
    }

    @Test
    void unknownPlaceholderIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandRenderer.render(check("check_disk -p ${MOUNT}", null), new Node("web1"), null));

        assertTrue(e.getMessage().contains("$MOUNT"), e.getMessage());
    }

    @Test
    void checkWithoutAnyCommandIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CommandRenderer.render(check(" ", null), null, null));
    }

    @Test
    void doubleDollarIsOneLiteralDollar() throws Exception {
        String rendered = CommandRenderer.render(check("echo $$HOME-$X", Map.of("X", "x")), null, null);

        assertEquals("echo $HOME-'x'", rendered);
    }

    @Test
    void dollarBeforeOtherCharactersStaysForTheShell() {
        String command = "test $# -eq 0 && echo $? $1 $";

        assertEquals(command, CommandRenderer.render(check(command, null), null, null));
    }

    @Test
    void placeholderInsideBackticksIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CommandRenderer.render(check("echo `echo $X`", Map.of("X", "x")), null, null));
    }

    @Test
    void nulInValueIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CommandRenderer.render(check("echo $X", Map.of("X", "a\0b")), null, null));
    }

    @Test
    void quoteWrapsValueInSingleQuotes() {
        assertEquals("'it'\\''s'", CommandRenderer.quote("it's"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "a;touch pwned", "$(touch pwned)", "`touch pwned`", "a'; touch pwned; echo '",
        "a\"; touch pwned; echo \"", "a\ntouch pwned", "a\r\ntouch pwned\n", "a && touch pwned", "a | touch pwned",
        "$(touch pwned)'$(touch pwned)'\"$(touch pwned)\"", "\\'; touch pwned #", "*", "-n", " spaced  value ",
        "${IFS}touch${IFS}pwned", "'\"'\"'", "a > pwned", "\\", "", "ünïcödé ✓" })
    void hostileValueArrivesLiterallyAndRunsNothing(String value) throws Exception {
        String rendered = CommandRenderer.render(check("printf '%s' $FQDN", null), new Node("n", Map.of()), null);
        Check hostile = check("printf '[%s]' $X", Map.of("X", value));

        String output = runInShell(CommandRenderer.render(hostile, null, null));

        assertEquals("printf '%s' 'n'", rendered);
        assertEquals("[" + value + "]", output);
        assertFalse(Files.exists(directory.resolve("pwned")), "the value ran a command");
    }

    @ParameterizedTest
    @ValueSource(strings = { "printf '[%s]' \"$X\"", "printf '[%s]' \"${X}\"", "printf '[%s]' '$X'",
        "printf '[%s]' \"$(printf '%s' $X)\"", "printf '[%s]' \"$(printf '%s' \"$X\")\"",
        "printf '[%s]' \"$(printf '%s' '$X')\"" })
    void hostileValueInsideQuotesStaysLiteral(String command) throws Exception {
        String value = "a\"b'c$(touch pwned)`touch pwned`;touch pwned\nd";

        String output = runInShell(CommandRenderer.render(check(command, Map.of("X", value)), null, null));

        assertEquals("[" + value + "]", output);
        assertFalse(Files.exists(directory.resolve("pwned")), "the value ran a command");
    }

    @Test
    void hostileNodeNameRunsNothing() throws Exception {
        Node node = new Node("web1;touch pwned;$(touch pwned2)");

        String output = runInShell(CommandRenderer.render(check("echo $FQDN", null), node, null));

        assertEquals(node.name() + "\n", output);
        assertFalse(Files.exists(directory.resolve("pwned")));
        assertFalse(Files.exists(directory.resolve("pwned2")));
    }

    @Test
    void valueInDoubleQuotesJoinsTheSurroundingWord() throws Exception {
        String rendered = CommandRenderer.render(check("printf '[%s]' \"x-$X-y\"", Map.of("X", "a b")), null, null);

        assertEquals("[x-a b-y]", runInShell(rendered));
    }
}
