package org.flapjack.core.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginOutputTest {

    private static List<String> labels(PluginOutput output) {
        return output.performanceData().stream().map(PerformanceValue::label).toList();
    }

    @Test
    void firstLineIsSummaryWithoutPerfdata() {
        PluginOutput output = PluginOutput.parse("PING OK - Packet loss = 0%, RTA = 0.05 ms|rta=0.05ms;100;500;0\n");

        assertEquals("PING OK - Packet loss = 0%, RTA = 0.05 ms", output.summary());
        assertEquals("", output.longOutput());
        assertEquals(List.of(new PerformanceValue("rta", "0.05", "ms", "100", "500", "0", "")),
                output.performanceData());
    }

    @Test
    void outputWithoutBarHasNoPerfdata() {
        PluginOutput output = PluginOutput.parse("HTTP OK: 200");

        assertEquals("HTTP OK: 200", output.summary());
        assertEquals(List.of(), output.performanceData());
    }

    @Test
    void laterLinesAreLongOutput() {
        PluginOutput output = PluginOutput.parse("DISK OK\n/ 10% used\n/var 20% used\n");

        assertEquals("DISK OK", output.summary());
        assertEquals("/ 10% used\n/var 20% used", output.longOutput());
    }

    @Test
    void barInLongOutputStartsMorePerfdataToTheEnd() {
        PluginOutput output = PluginOutput.parse("""
                DISK OK - free space | /=2643MB;5948;5958;0;5968
                / 15272 MB (77%);
                /boot 68 MB (69%); | /boot=68MB;88;93;0;98
                /home=69357MB;253404;253409;0;253414
                """);

        assertEquals("DISK OK - free space", output.summary());
        assertEquals("/ 15272 MB (77%);\n/boot 68 MB (69%);", output.longOutput());
        assertEquals(List.of("/", "/boot", "/home"), labels(output));
        assertEquals(new PerformanceValue("/home", "69357", "MB", "253404", "253409", "0", "253414"),
                output.performanceData().get(2));
    }

    @Test
    void quotedLabelsMayHoldSpacesEqualsAndQuotes() {
        PluginOutput output = PluginOutput.parse("OK | 'free space'=10% 'a=b'=1 'it''s'=2c");

        assertEquals(List.of("free space", "a=b", "it's"), labels(output));
        assertEquals("c", output.performanceData().get(2).unit());
    }

    @Test
    void missingPartsAreEmpty() {
        PerformanceValue value = PluginOutput.parse("OK | load1=0.5;;;0").performanceData().get(0);

        assertEquals(new PerformanceValue("load1", "0.5", "", "", "", "0", ""), value);
    }

    @Test
    void undeterminedValueIsKept() {
        PerformanceValue value = PluginOutput.parse("UNKNOWN | time=U").performanceData().get(0);

        assertEquals("U", value.value());
    }

    @Test
    void rangesInThresholdsStayAsWritten() {
        PerformanceValue value = PluginOutput.parse("OK | temp=-5.5C;@10:20;~:30").performanceData().get(0);

        assertEquals("-5.5", value.value());
        assertEquals("C", value.unit());
        assertEquals("@10:20", value.warning());
        assertEquals("~:30", value.critical());
    }

    @Test
    void junkBetweenItemsIsSkipped() {
        PluginOutput output = PluginOutput.parse("OK | junk a=1 =2 b=notanumber 'unclosed=3 c=4");

        assertEquals(List.of("a"), labels(output));
    }

    @Test
    void junkAfterGoodItemsKeepsTheGoodOnes() {
        PluginOutput output = PluginOutput.parse("OK | a=1 ;;; b=2s c d=3;4;5 ====");

        assertEquals(List.of("a", "b", "d"), labels(output));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "|", "||||", "| '", "| ''=1", "\n|\n|", "x|'a'", "| =;;;;", "| a=", "| a=1;;;;;;;",
        "\r\n\r\n", "| 'a''", "| \u0000=1" })
    void strangeOutputNeverThrows(String raw) {
        assertDoesNotThrow(() -> PluginOutput.parse(raw));
    }

    @Test
    void nullOutputIsEmpty() {
        assertEquals(new PluginOutput("", "", List.of()), PluginOutput.parse(null));
    }

    @Test
    void windowsLineEndsAreLineEnds() {
        PluginOutput output = PluginOutput.parse("OK | a=1\r\nmore\r\n");

        assertEquals("OK", output.summary());
        assertEquals("more", output.longOutput());
    }

    @Test
    void formatWritesWhatParseReads() {
        PerformanceValue value = new PerformanceValue("free space", "10", "%", "20", "", "0", "");

        assertEquals("'free space'=10%;20;;0", value.format());
        assertEquals(List.of(value), PluginOutput.parse("OK | " + value.format()).performanceData());
    }
}
