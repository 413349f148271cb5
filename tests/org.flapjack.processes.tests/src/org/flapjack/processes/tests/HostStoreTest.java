package org.flapjack.processes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.flapjack.processes.Authentication;
import org.flapjack.processes.Host;
import org.flapjack.processes.HostSettings;
import org.flapjack.processes.HostStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostStoreTest {

    @TempDir
    Path folder;

    @Test
    void savedHostsComeBackInTheirOrder() throws Exception {
        HostSettings settings = new HostSettings("10.0.0.5", 11301, "/srv/beanstalkd", "", "/usr/lib/nagios/plugins",
            "/etc/flapjack/recipients.conf", "/etc/flapjack/flapjack-notifier.conf");
        List<Host> hosts = List.of(
            Host.remote("worker-1", "w1.example.org", 2222, "ops", "~/.ssh/flapjack", "/opt/flapjack", settings),
            Host.remote("notifier", "n.example.org", 22, "ops", null, "/opt/flapjack", null)
                .withAuthentication(Authentication.PASSWORD));
        HostStore store = new HostStore(folder);

        store.save(hosts);

        assertEquals(hosts, new HostStore(folder).load());
        assertFalse(Files.readString(store.file()).contains("\"local\""));
    }

    @Test
    void aHostsFileFromBeforeAuthenticationWasChosenMeansKeys() throws Exception {
        Files.writeString(folder.resolve(HostStore.FILE_NAME), """
            {"version": 1, "hosts": [{"name": "db1", "address": "db1.example.org", "port": 22, "user": "ops",
              "installPath": "/opt/flapjack"}]}
            """);

        List<Host> hosts = new HostStore(folder).load();

        assertEquals(Authentication.KEY, hosts.get(0).authentication());
    }

    @Test
    void aFolderWithoutHostsFileHasNoHosts() throws Exception {
        assertEquals(List.of(), new HostStore(folder.resolve("empty")).load());
    }
}
