package org.flapjack.processes.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.flapjack.processes.Host;
import org.flapjack.processes.HostControl;
import org.flapjack.processes.HostKeyCallback;
import org.flapjack.processes.HostSettings;
import org.flapjack.processes.PasswordCallback;
import org.flapjack.processes.Processes;
import org.flapjack.testing.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBeanstalkdTest {

    @TempDir
    Path folder;

    private Processes processes;

    private HostControl control;

    @AfterEach
    void stopEverything() {
        if (control != null) {
            control.stopBeanstalkd();
        }
        processes.close();
    }

    @Test
    void beanstalkdStartsOnItsPortWithABinlogAndStopsByPid() throws Exception {
        int port = FreePort.find();
        Path dir = folder.resolve("beanstalkd");
        HostSettings settings = new HostSettings("127.0.0.1", port, dir.toString(), folder.resolve("run").toString(),
            null, null, null);
        processes = new Processes(folder.resolve("known_hosts"), HostKeyCallback.REFUSE, PasswordCallback.NONE);
        control = processes.control(Host.local(folder.resolve("no-install"), settings));

        control.startBeanstalkd();

        assertTrue(accepts(port), "beanstalkd does not accept connections on " + port);
        assertTrue(Files.isDirectory(dir.resolve("binlog")));
        long pid = Long.parseLong(Files.readString(dir.resolve("beanstalkd.pid")).strip());
        assertTrue(ProcessHandle.of(pid).isPresent());

        control.stopBeanstalkd();

        assertFalse(accepts(port), "beanstalkd still accepts connections on " + port);
        assertFalse(Files.exists(dir.resolve("beanstalkd.pid")));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
