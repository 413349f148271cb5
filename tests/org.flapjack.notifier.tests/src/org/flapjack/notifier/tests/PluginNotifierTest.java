package org.flapjack.notifier.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.flapjack.core.config.ConfigException;
import org.flapjack.core.model.Status;
import org.flapjack.notifier.sample.RecordingNotifierFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notifiers that jars in the notifier directories provide. */
class PluginNotifierTest {

    @TempDir
    Path folder;

    private NotifierRig rig;

    @AfterEach
    void stopRig() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void pluginJarInANotifierDirectoryReceivesItsNotifications() throws Exception {
        Path plugins = Files.createDirectories(folder.resolve("plugins"));
        writePluginJar(plugins.resolve("recording.jar"));
        Path received = folder.resolve("received.txt");
        rig = new NotifierRig(folder, "[notifier]\nnotifiers = recording\nnotifier-directories = "
                + folder.resolve("missing") + " " + plugins + "\n\n[recording-notifier]\nfile = " + received + "\n");
        rig.saveCheck("disk", List.of(), List.of("alice"));

        rig.putResult("disk", Status.CRITICAL, "full");
        rig.awaitIdle();

        assertEquals(List.of("PROBLEM disk alice"), Files.readAllLines(received));
    }

    @Test
    void notifierThatNothingProvidesIsAConfigErrorNamingItAndTheDirectories() {
        ConfigException refused = assertThrows(ConfigException.class, () -> new NotifierRig(folder,
                "[notifier]\nnotifiers = log, pager\nnotifier-directories = /opt/flapjack/notifiers\n"));

        assertTrue(refused.getMessage().contains("pager") && refused.getMessage().contains("/opt/flapjack/notifiers")
                && refused.getMessage().contains("notifier.conf:2:"), refused.getMessage());
    }

    /** A jar with the sample notifier's classes and a services file naming its factory, as a plugin author ships. */
    private static void writePluginJar(Path jar) throws Exception {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : List.of("RecordingNotifierFactory", "RecordingNotifierFactory$RecordingNotifier")) {
                out.putNextEntry(new JarEntry("org/flapjack/notifier/sample/" + name + ".class"));
                try (InputStream in = RecordingNotifierFactory.class.getResourceAsStream(name + ".class")) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/org.flapjack.core.notify.NotifierFactory"));
            out.write((RecordingNotifierFactory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
