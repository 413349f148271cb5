package org.flapjack.populator.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Node;
import org.flapjack.populator.BatchContent;
import org.flapjack.populator.BatchFile;
import org.flapjack.populator.BatchFile.Format;
import org.flapjack.populator.BatchRefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BatchFileTest {

    private static final Path FILE = Path.of("/srv/flapjack/batch.json");

    static final String EXAMPLE = """
        {
          "version": 1,
          "nodes": [
            {"name": "web1.example.com", "params": {"DISK": "/var"}}
          ],
          "templates": [
            {"name": "disk", "command": "check_disk -H $FQDN -p $DISK", "interval": 300, "timeout": 20}
          ],
          "checks": [
            {"name": "ping-web1", "node": "web1.example.com", "command": "check_ping -H $FQDN -w 100,20% -c 500,60%",
             "interval": 60, "timeout": 10, "recipients": ["alice"]},
            {"name": "disk-web1", "node": "web1.example.com", "template": "disk", "parents": ["ping-web1"],
             "recipients": ["alice", "bob"]},
            {"name": "old-web1", "command": "true", "interval": 60, "timeout": 5, "enabled": false}
          ]
        }
        """;

    @Test
    void readsNodesTemplatesAndChecksWithParentsAndRecipients() throws Exception {
        BatchContent content = BatchFile.parse(FILE, EXAMPLE, Format.JSON);

        assertEquals(List.of(new Node("web1.example.com", Map.of("DISK", "/var"))), content.nodes());
        assertEquals(List.of(new CheckTemplate("disk", "check_disk -H $FQDN -p $DISK", Map.of(), 300, 20)),
            content.templates());
        assertEquals(new Check("disk-web1", "web1.example.com", "disk", null, Map.of(), 0, 0, true,
            List.of("ping-web1"), List.of("alice", "bob")), content.checks().get(1));
        assertEquals(false, content.checks().get(2).enabled());
    }

    @Test
    void writtenJsonReadsBackTheSame() throws Exception {
        BatchContent content = BatchFile.parse(FILE, EXAMPLE, Format.JSON);

        assertEquals(content, BatchFile.parse(FILE, BatchFile.format(content, Format.JSON), Format.JSON));
    }

    @Test
    void writtenYamlReadsBackTheSame(@TempDir Path dir) throws Exception {
        BatchContent content = BatchFile.parse(FILE, EXAMPLE, Format.JSON);
        Path yaml = dir.resolve("batch.yaml");

        BatchFile.write(yaml, content);

        assertTrue(Files.readString(yaml).contains("- name: disk-web1"), Files.readString(yaml));
        assertEquals(content, BatchFile.read(yaml));
    }

    @Test
    void yamlFileIsReadAsYaml(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("batch.yml");
        Files.writeString(yaml, """
            nodes:
              - name: web1.example.com
                params: {PORT: 8080}
            checks:
              - name: http-web1
                node: web1.example.com
                command: check_http -H $FQDN -p $PORT
                interval: 60
                timeout: 10
            """);

        BatchContent content = BatchFile.read(yaml);

        assertEquals(Map.of("PORT", "8080"), content.nodes().get(0).params());
        assertEquals("http-web1", content.checks().get(0).name());
    }

    /** Bad batches, written with ' for " to stay readable: what is wrong, the text, the path and the reason. */
    static Stream<Arguments> badBatches() {
        return Stream.of(
            arguments("unknown field",
                "{'checks': [{'name': 'a', 'command': 'true', 'intervall': 60}]}",
                "$.checks[0].intervall", "unknown field"),
            arguments("unknown top-level field",
                "{'check': []}",
                "$.check", "unknown field"),
            arguments("interval of wrong type",
                "{'checks': [{'name': 'a', 'command': 'true', 'interval': '60'}]}",
                "$.checks[0].interval", "expected a whole number of seconds"),
            arguments("negative timeout",
                "{'checks': [{'name': 'a', 'command': 'true', 'timeout': -1}]}",
                "$.checks[0].timeout", "expected a whole number of seconds"),
            arguments("enabled of wrong type",
                "{'checks': [{'name': 'a', 'command': 'true', 'enabled': 'yes'}]}",
                "$.checks[0].enabled", "expected true or false"),
            arguments("checks not a list",
                "{'checks': {'name': 'a'}}",
                "$.checks", "expected a list"),
            arguments("parent of wrong type",
                "{'checks': [{'name': 'a', 'command': 'true', 'parents': [1]}]}",
                "$.checks[0].parents[0]", "expected a name"),
            arguments("param of wrong type",
                "{'nodes': [{'name': 'n', 'params': {'A': [1]}}]}",
                "$.nodes[0].params.A", "expected text"),
            arguments("missing check name",
                "{'checks': [{'command': 'true'}]}",
                "$.checks[0]", "missing name"),
            arguments("blank node name",
                "{'nodes': [{'name': ' '}]}",
                "$.nodes[0].name", "not blank"),
            arguments("template without command",
                "{'templates': [{'name': 't'}]}",
                "$.templates[0].command", "needs a command"),
            arguments("duplicate check name",
                "{'checks': [{'name': 'a', 'command': 'true'}, {'name': 'a', 'command': 'x'}]}",
                "$.checks[1].name", "duplicate check name 'a'"),
            arguments("duplicate node name",
                "{'nodes': [{'name': 'n'}, {'name': 'n'}]}",
                "$.nodes[1].name", "duplicate node name 'n'"),
            arguments("unknown node",
                "{'checks': [{'name': 'a', 'node': 'nowhere', 'command': 'true'}]}",
                "$.checks[0].node", "unknown node 'nowhere'"),
            arguments("unknown template",
                "{'checks': [{'name': 'a', 'template': 't'}]}",
                "$.checks[0].template", "unknown template 't'"),
            arguments("unknown parent",
                "{'checks': [{'name': 'a', 'command': 'true', 'parents': ['b']}]}",
                "$.checks[0].parents[0]", "unknown parent check 'b'"),
            arguments("own parent",
                "{'checks': [{'name': 'a', 'command': 'true', 'parents': ['a']}]}",
                "$.checks[0].parents[0]", "its own parent"),
            arguments("cycle",
                "{'checks': [{'name': 'a', 'command': 'true', 'parents': ['b']},"
                    + " {'name': 'b', 'command': 'true', 'parents': ['a']}]}",
                "$.checks[1].parents[0]", "cycle: a -> b -> a"),
            arguments("wrong version",
                "{'version': 2, 'checks': []}",
                "$.version", "expected format version 1"),
            arguments("not an object",
                "[1, 2]",
                "$", "expected an object"),
            arguments("duplicate key",
                "{'checks': [], 'checks': []}",
                "line 1, column 24", "Duplicate field 'checks'"),
            arguments("zero interval",
                "{'checks': [{'name': 'a', 'command': 'true', 'interval': 0, 'timeout': 5}]}",
                "$.checks[0].interval", "expected a whole number of seconds, 1 or more, not 0"),
            arguments("zero timeout in a template",
                "{'templates': [{'name': 't', 'command': 'true', 'interval': 60, 'timeout': 0}]}",
                "$.templates[0].timeout", "1 or more"),
            arguments("no interval after the template",
                "{'templates': [{'name': 't', 'command': 'true', 'timeout': 5}],"
                    + " 'checks': [{'name': 'a', 'template': 't'}]}",
                "$.checks[0].interval", "no interval of 1 s or more; set it on the check or its template 't'"),
            arguments("no timeout",
                "{'checks': [{'name': 'a', 'command': 'true', 'interval': 60}]}",
                "$.checks[0].timeout", "no timeout of 1 s or more"),
            arguments("no command",
                "{'checks': [{'name': 'a', 'interval': 60, 'timeout': 5}]}",
                "$.checks[0].command", "has no command"),
            arguments("name with a line break",
                "{'checks': [{'name': 'a\\nb', 'command': 'true', 'interval': 60, 'timeout': 5}]}",
                "$.checks[0].name", "control characters"),
            arguments("trailing content",
                "{'version': 1, 'checks': []} garbage",
                "line 1, column 37", "not valid JSON"),
            arguments("broken JSON",
                "{'checks': [",
                "line 1, column 13", "not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBatches")
    void badBatchIsRefusedWithTheFileThePathAndTheReason(String kind, String text, String path, String reason) {
        BatchRefusedException refused = assertThrows(BatchRefusedException.class,
            () -> BatchFile.parse(FILE, text.replace('\'', '"'), Format.JSON));

        assertEquals(path, refused.problems().get(0).path(), refused.getMessage());
        assertTrue(refused.problems().get(0).reason().contains(reason), refused.getMessage());
        assertTrue(refused.getMessage().startsWith(FILE + ": " + path + ": "), refused.getMessage());
    }

    @Test
    void binaryFileIsRefusedAsNotUtf8WithTheByteOffset(@TempDir Path dir) throws Exception {
        Path binary = Files.write(dir.resolve("batch.json"), new byte[] {'{', ' ', (byte) 0xff, (byte) 0xfe, 0});

        BatchRefusedException refused = assertThrows(BatchRefusedException.class, () -> BatchFile.read(binary));

        assertEquals(binary + ": byte 2: not UTF-8 text; a batch file is JSON or YAML", refused.getMessage());
    }

    @Test
    void emptyChecksListIsABatch() throws Exception {
        assertEquals(List.of(), BatchFile.parse(FILE, "{\"version\": 1, \"checks\": []}", Format.JSON).checks());
    }

    @Test
    void everyProblemOfABatchIsReported() {
        String text = """
            {"checks": [{"name": "a", "interval": "x"}, {"command": "true"}, {"name": "c", "colour": "red"}]}""";

        BatchRefusedException refused = assertThrows(BatchRefusedException.class,
            () -> BatchFile.parse(FILE, text, Format.JSON));

        assertEquals(List.of("$.checks[0].interval", "$.checks[1]", "$.checks[2].colour"),
            refused.problems().stream().map(problem -> problem.path()).toList());
        assertTrue(refused.getMessage().endsWith("(and 2 more problems)"), refused.getMessage());
    }

    @Test
    void badYamlIsRefusedWithTheSamePaths() {
        String text = """
            checks:
              - name: a
                command: "true"
                interval: sixty
            """;

        BatchRefusedException refused = assertThrows(BatchRefusedException.class,
            () -> BatchFile.parse(Path.of("batch.yaml"), text, Format.YAML));

        assertEquals("batch.yaml: $.checks[0].interval: expected a whole number of seconds, 1 or more, not \"sixty\"",
            refused.getMessage());
    }
}
