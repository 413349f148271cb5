package org.flapjack.console.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ApplicationModelTest {

    /** The console's model in the source tree, found from this test bundle's build folder. */
    private static final Path MODEL = Path.of(System.getProperty("flapjack.build.dir", "target")).toAbsolutePath()
            .getParent().resolve("../../bundles/org.flapjack.console/Application.e4xmi").normalize();

    @Test
    void everyConsoleClassTheModelNamesExists() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Element element : elements()) {
            String uri = element.getAttribute("contributionURI");
            if (uri.startsWith("bundleclass://org.flapjack.console/")) {
                String name = uri.substring(uri.lastIndexOf('/') + 1);
                try {
                    Class.forName(name, false, ChecksPart.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    missing.add(name);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyCommandReferenceNamesACommandOfTheModel() throws Exception {
        Set<String> ids = new HashSet<>();
        List<Element> all = elements();
        all.forEach(element -> ids.add(element.getAttribute("xmi:id")));
        List<String> dangling = new ArrayList<>();
        for (Element element : all) {
            String command = element.getAttribute("command");
            if (!command.isEmpty() && !ids.contains(command)) {
                dangling.add(element.getAttribute("xmi:id") + " -> " + command);
            }
        }
        assertEquals(List.of(), dangling);
        assertTrue(ids.contains("_command_deploy") && ids.contains("_binding_deploy"));
    }

    private static List<Element> elements() throws Exception {
        assertTrue(Files.isRegularFile(MODEL), MODEL.toAbsolutePath() + " not found");
        NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(MODEL.toFile())
                .getElementsByTagName("*");
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }
}
