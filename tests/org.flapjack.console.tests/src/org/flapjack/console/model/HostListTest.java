package org.flapjack.console.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.flapjack.processes.Host;
import org.flapjack.processes.HostSettings;
import org.flapjack.processes.HostStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostListTest {

    @TempDir
    Path folder;

    private final Host local = Host.local(Path.of("/opt/flapjack"), HostSettings.defaults());

    private final Host db1 = Host.remote("db1", "db1.example.org", 22, "ops", null, "/opt/flapjack", null);

    @Test
    void thisMachineComesFirstAndCannotBeRemoved() throws Exception {
        HostList hosts = new HostList(local, new HostStore(folder));
        hosts.put(null, db1);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> hosts.remove(local));

        assertEquals(List.of(local, db1), hosts.all());
        assertEquals("'localhost' is this machine, which is always listed", refused.getMessage());
    }

    @Test
    void anEditedHostKeepsItsPlaceAndIsSaved() throws Exception {
        HostStore store = new HostStore(folder);
        HostList hosts = new HostList(local, store);
        Host db2 = Host.remote("db2", "db2.example.org", 22, "ops", null, "/opt/flapjack", null);
        hosts.put(null, db1);
        hosts.put(null, db2);

        Host moved = Host.remote("db1", "db1.example.net", 2222, "ops", null, "/srv/flapjack", null);
        hosts.put(db1, moved);

        assertEquals(List.of(moved, db2), store.load());
        assertEquals(List.of(local, moved, db2), new HostList(local, store).all());
    }

    @Test
    void aNameThatIsTakenIsRefused() throws Exception {
        HostList hosts = new HostList(local, new HostStore(folder));
        hosts.put(null, db1);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> hosts.put(null, db1));

        assertEquals("a host called 'db1' exists already", refused.getMessage());
    }

    @Test
    void anUnreadableHostsFileIsNeverOverwritten() throws Exception {
        Path file = Files.writeString(folder.resolve(HostStore.FILE_NAME), "{ not json");
        HostList hosts = new HostList(local, new HostStore(folder));

        IOException refused = assertThrows(IOException.class, () -> hosts.put(null, db1));

        assertTrue(refused.getMessage().startsWith("the hosts list is not changed, because " + file),
                refused.getMessage());
        assertEquals("{ not json", Files.readString(file));
        assertEquals(List.of(local), hosts.all());
    }
}
