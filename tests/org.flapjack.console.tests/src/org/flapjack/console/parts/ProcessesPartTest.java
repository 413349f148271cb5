package org.flapjack.console.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.flapjack.console.model.HostList;
import org.flapjack.console.model.HostSecrets;
import org.flapjack.console.parts.ProcessesPart.HostRow;
import org.flapjack.processes.Authentication;
import org.flapjack.processes.Host;
import org.flapjack.processes.HostKeyCallback;
import org.flapjack.processes.HostSettings;
import org.flapjack.processes.HostStore;
import org.flapjack.processes.PasswordCallback;
import org.flapjack.processes.Processes;
import org.flapjack.processes.SecretQuestion;
import org.flapjack.testing.Beanstalkd;
import org.flapjack.testing.PasswordSshd;
import org.flapjack.testing.Sshd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesPartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final String PASSWORD = "correct horse battery";

    private static final String NOT_INSTALLED = ": Flapjack not installed at /nonexistent/flapjack "
            + "(no bin/flapjack-worker-manager)";

    @TempDir
    Path folder;

    private Display display;
    private Shell shell;
    private ProcessesPart part;
    private ISecurePreferences storage;
    private final List<SecretQuestion> asked = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> servers = new ArrayList<>();
    private final List<HostSettings> workerRunDirs = new ArrayList<>();

    @BeforeEach
    void openShell() throws Exception {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setText("Flapjack");
        shell.setLayout(new FillLayout());
        shell.setSize(1000, 600);
        storage = SecurePreferencesFactory.open(folder.resolve("secure_storage").toUri().toURL(),
                Map.of(IProviderHints.PROMPT_USER, false, IProviderHints.DEFAULT_PASSWORD,
                        new PBEKeySpec("test master password".toCharArray())));
    }

    @AfterEach
    void closeShell() throws Exception {
        if (part != null) {
            part.dispose();
        }
        shell.dispose();
        stopWorkers();
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void showsThisMachinesRowWithItsLiveStatus() throws Exception {
        part = new ProcessesPart();
        part.createControls(shell);
        shell.open();

        HostRow local = awaitRow(Host.LOCALHOST, row -> !ProcessesPart.WAITING.equals(row.problem()));
        part.hostsViewer().refresh();
        TableItem row = part.hostsViewer().getTable().getItem(0);

        assertEquals("localhost", row.getText(0));
        assertNotEquals(ProcessesPart.WAITING, local.problem());
        assertTrue(local.status() != null || local.problem() != null);
        if (local.status() != null) {
            assertTrue(row.getText(1).equals("stopped") || row.getText(1).startsWith("running ("), row.getText(1));
            assertEquals(Integer.toString(local.status().workers().size()), row.getText(2));
        }
        assertTrue(Files.size(Screenshots.save(shell, "processes-part")) > 0);
    }

    @Test
    void aHostAddedThroughTheDialogIsStoredInHostsJsonAndItsPasswordInSecureStorage() throws Exception {
        PasswordSshd sshd = started(PasswordSshd.start(folder.resolve("sshd"), PASSWORD));
        openPart(List.of());
        trustNewHostKeys();

        Ui.whenShellOpens(display, "New Host", dialog -> {
            Ui.<Text>field(dialog, "name").setText("db1");
            Ui.<Text>field(dialog, "address").setText(sshd.host());
            Ui.<Text>field(dialog, "port").setText(Integer.toString(sshd.port()));
            Ui.<Text>field(dialog, "user").setText(sshd.user());
            choose(Ui.field(dialog, "passwordLogin"), Ui.field(dialog, "keyLogin"));
            Ui.<Text>field(dialog, "password").setText(PASSWORD);
            Ui.<Button>field(dialog, "remember").setSelection(true);
            Ui.<Text>field(dialog, "installPath").setText("/nonexistent/flapjack");
            Ui.pressDefault(dialog);
        });
        part.addHost();

        String hostsJson = Files.readString(folder.resolve("workspace").resolve(HostStore.FILE_NAME));
        assertTrue(hostsJson.contains("\"name\" : \"db1\""), hostsJson);
        assertTrue(hostsJson.contains("\"authentication\" : \"PASSWORD\""), hostsJson);
        assertFalse(hostsJson.contains(PASSWORD), "the password is in hosts.json: " + hostsJson);
        assertEquals(PASSWORD, storage.node("org.flapjack.console/hosts/db1").get("password", null));
        assertFalse(Files.readString(folder.resolve("secure_storage")).contains(PASSWORD),
                "secure storage holds the password in the clear");
        HostRow db1 = awaitRow("db1", row -> row.problem() != null && !ProcessesPart.WAITING.equals(row.problem()));
        assertEquals("db1" + NOT_INSTALLED, db1.problem(), "the stored password did not log in");
        assertEquals(List.of(), asked, "the password typed in the host dialog was asked again");
    }

    @Test
    void theHostDialogSaysWhatIsWrongAndKeepsOkDisabledUntilEveryFieldIsRight() throws Exception {
        openPart(List.of());
        List<String> seen = new ArrayList<>();

        Ui.whenShellOpens(display, "New Host", dialog -> {
            TitleAreaDialog host = (TitleAreaDialog) dialog.getData();
            Button ok = dialog.getDefaultButton();
            seen.add(ok.isEnabled() + " " + host.getErrorMessage());
            Ui.<Text>field(dialog, "name").setText(Host.LOCALHOST);
            seen.add(ok.isEnabled() + " " + host.getErrorMessage());
            Ui.<Text>field(dialog, "name").setText("web1");
            seen.add(ok.isEnabled() + " " + host.getErrorMessage());
            Ui.<Text>field(dialog, "address").setText("web1.example.org");
            Ui.<Text>field(dialog, "port").setText("70000");
            seen.add(ok.isEnabled() + " " + host.getErrorMessage());
            Ui.<Text>field(dialog, "port").setText("2222");
            Ui.<Text>field(dialog, "user").setText("");
            seen.add(ok.isEnabled() + " " + host.getErrorMessage());
            Ui.<Text>field(dialog, "user").setText("ops");
            Ui.<Text>field(dialog, "keyFile").setText("/nonexistent/id_ed25519");
            seen.add(ok.isEnabled() + " " + host.getErrorMessage());
            Ui.<Text>field(dialog, "keyFile").setText(folder.toString());
            seen.add(ok.isEnabled() + " " + host.getErrorMessage());
            Ui.<Text>field(dialog, "keyFile").setText("");
            Ui.<Text>field(dialog, "installPath").setText("opt/flapjack");
            seen.add(ok.isEnabled() + " " + host.getErrorMessage());
            Ui.<Text>field(dialog, "installPath").setText("/opt/flapjack");
            seen.add(ok.isEnabled() + " " + host.getErrorMessage());
            dialog.close();
        });
        part.addHost();

        assertEquals(List.of(
                "false a host needs a name",
                "false 'localhost' is this machine, which is always listed; give the remote host another name",
                "false the address is empty: give the host name or IP address its sshd listens on",
                "false the SSH port must be a number from 1 to 65535, not '70000'",
                "false the user is empty: give the account to log in as",
                "false the key file /nonexistent/id_ed25519 does not exist",
                "false the key file " + folder + " is a folder; choose the private key in it",
                "false the install path must be absolute, such as /opt/flapjack, not 'opt/flapjack'",
                "true null"), seen);
        assertFalse(Files.exists(folder.resolve("workspace").resolve(HostStore.FILE_NAME)));
    }

    @Test
    void aRemoteRowShowsTheStatusOfItsHostBehindTheLoopbackSshd() throws Exception {
        Sshd sshd = started(Sshd.start(folder.resolve("sshd")));
        Beanstalkd beanstalkd = started(Beanstalkd.start());
        HostSettings settings = startsWorkers(settings(beanstalkd, "remote-run"));
        Host remote = Host.remote("loopback", sshd.host(), sshd.port(), sshd.user(), sshd.userKey().toString(),
                serverHome().toString(), settings);
        openPart(Host.local(serverHome(), settings(beanstalkd, "run")), List.of(remote));
        trustNewHostKeys();

        HostRow shown = awaitRow("loopback", row -> row.status() != null || isProblem(row));
        assertNull(shown.problem());
        assertEquals("0", shown.workersText());
        select("loopback");
        press("+5 workers");
        HostRow running = awaitRow("loopback", row -> row.status() != null && row.status().workers().size() == 5);
        Ui.drain(display);
        Path screenshot = Screenshots.save(shell, "processes-part-remote");
        press("Stop all workers");
        awaitRow("loopback", row -> row.status() != null && row.status().workers().isEmpty());

        assertEquals("stopped", running.beanstalkdText());
        assertTrue(Files.size(screenshot) > 0);
    }

    @Test
    void aWorkerKilledByHandShowsOnTheRowAtTheNextRefresh() throws Exception {
        Beanstalkd beanstalkd = started(Beanstalkd.start());
        HostSettings settings = startsWorkers(settings(beanstalkd, "run"));
        openPart(Host.local(serverHome(), settings), List.of());
        select(Host.LOCALHOST);
        press("+5 workers");
        awaitRow(Host.LOCALHOST, row -> row.status() != null && row.status().workers().size() == 5);
        awaitTwoRefreshesAfterTheAction();

        long pid = firstWorkerPidShown();
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).start();
        assertEquals(0, kill.waitFor(), "kill -9 " + pid + " failed");
        HostRow noticed = awaitRow(Host.LOCALHOST, row -> row.status() != null && row.status().workers().size() == 4);

        assertEquals("4", noticed.workersText());
        assertTrue(noticed.problemText().startsWith("worker " + pid + " exited unasked at "), noticed.problemText());
        assertTrue(noticed.status().workers().stream().noneMatch(worker -> worker.pid() == pid));
    }

    @Test
    void aPasswordAskedAtLoginIsKeptInSecureStorageWhenRemembered() throws Exception {
        PasswordSshd sshd = started(PasswordSshd.start(folder.resolve("sshd"), PASSWORD));
        openPart(List.of(passwordHost(sshd)), new HostSecrets(() -> storage,
                question -> SecretDialog.ask(display, question)));
        trustNewHostKeys();

        Ui.whenShellOpens(display, SecretDialog.TITLE, dialog -> {
            Ui.<Text>field(dialog, "secret").setText(PASSWORD);
            Ui.<Button>field(dialog, "remember").setSelection(true);
            Ui.pressDefault(dialog);
        });
        HostRow db1 = awaitRow("db1", ProcessesPartTest::isProblem);

        assertEquals("db1" + NOT_INSTALLED, db1.problem());
        assertEquals(PASSWORD, storage.node("org.flapjack.console/hosts/db1").get("password", null));
    }

    @Test
    void aRefusedPasswordIsForgottenAndNotAskedAgainUntilReconnect() throws Exception {
        PasswordSshd sshd = started(PasswordSshd.start(folder.resolve("sshd"), PASSWORD));
        storage.node("org.flapjack.console/hosts/db1").put("password", "stale password", true);
        openPart(List.of(passwordHost(sshd)));
        trustNewHostKeys();

        HostRow refused = awaitRow("db1", ProcessesPartTest::isProblem);
        awaitTwoRefreshes();

        assertEquals("127.0.0.1:" + sshd.port() + ": authentication failed for " + sshd.user()
                + " (Reconnect to be asked again)", refused.problem());
        assertNull(storage.node("org.flapjack.console/hosts/db1").get("password", null));
        assertEquals(1, sshd.attempts(), "the refused password was tried again");
        assertEquals(List.of(), asked, "the operator was asked although the host rests until Reconnect");

        select("db1");
        part.reconnect();
        Ui.waitUntil(display, WAIT, () -> asked.size() == 1);
    }

    private void openPart(List<Host> remote) throws Exception {
        openPart(Host.local(folder, settings(null, "run")), remote);
    }

    private void openPart(Host local, List<Host> remote) throws Exception {
        openPart(local, remote, new HostSecrets(() -> storage, question -> {
            asked.add(question);
            return null;
        }));
    }

    private void openPart(List<Host> remote, HostSecrets secrets) throws Exception {
        openPart(Host.local(folder, settings(null, "run")), remote, secrets);
    }

    private void openPart(Host local, List<Host> remote, HostSecrets secrets) throws Exception {
        HostStore store = new HostStore(folder.resolve("workspace"));
        if (!remote.isEmpty()) {
            store.save(remote);
        }
        part = new ProcessesPart(new HostList(local, store), secrets, folder.resolve("known_hosts"), null);
        part.createControls(shell);
        shell.open();
    }

    private HostSettings settings(Beanstalkd beanstalkd, String runDir) throws Exception {
        Path checks = Files.createDirectories(folder.resolve("checks"));
        return new HostSettings("127.0.0.1", beanstalkd == null ? 0 : beanstalkd.port(), null,
                folder.resolve(runDir).toString(), checks.toString(), null, null);
    }

    /** Notes that the test starts workers with SETTINGS, so that they are stopped after it whatever happens. */
    private HostSettings startsWorkers(HostSettings settings) {
        workerRunDirs.add(settings);
        return settings;
    }

    private Host passwordHost(PasswordSshd sshd) {
        return Host.remote("db1", sshd.host(), sshd.port(), sshd.user(), null, "/nonexistent/flapjack", null)
                .withAuthentication(Authentication.PASSWORD);
    }

    /** Answers every host key question of the part with Yes, as an operator seeing a new host would. */
    private void trustNewHostKeys() {
        Ui.whenShellOpens(display, "Host key", dialog -> {
            Ui.pressDefault(dialog);
            trustNewHostKeys();
        });
    }

    private static void choose(Button chosen, Button other) {
        other.setSelection(false);
        chosen.setSelection(true);
        chosen.notifyListeners(SWT.Selection, new Event());
    }

    private void select(String hostName) {
        HostRow row = awaitRow(hostName, any -> true);
        part.hostsViewer().setSelection(new StructuredSelection(row));
        assertEquals(row, part.hostsViewer().getStructuredSelection().getFirstElement(), "the row was not selected");
    }

    private void press(String label) {
        Button button = Ui.button(shell, label);
        button.notifyListeners(SWT.Selection, new Event());
    }

    /** Waits until the row of HOST_NAME meets CONDITION and the table shows it, and returns it. */
    private HostRow awaitRow(String hostName, Predicate<HostRow> condition) {
        HostRow[] found = new HostRow[1];
        try {
            Ui.waitUntil(display, WAIT, () -> {
                found[0] = part.rows().stream().filter(row -> row.host().name().equals(hostName)).findFirst()
                        .orElse(null);
                return found[0] != null && condition.test(found[0])
                        && ((List<?>) part.hostsViewer().getInput()).contains(found[0]);
            });
        } catch (AssertionError e) {
            throw new AssertionError("the row of " + hostName + " is " + found[0] + "; the part says '"
                    + part.messageText() + "'", e);
        }
        return found[0];
    }

    /**
     * Waits until the action's job has said how it went and two statuses of this machine were taken since: the
     * second began after the action ended, so the part compares the statuses after it with that one.
     */
    private void awaitTwoRefreshesAfterTheAction() {
        Ui.waitUntil(display, WAIT, () -> !part.messageText().endsWith("..."));
        awaitTwoRefreshes();
    }

    /** Waits until this machine's row was taken afresh twice (each refresh makes a new row). */
    private void awaitTwoRefreshes() {
        List<HostRow> seen = new ArrayList<>();
        seen.add(part.rows().get(0));
        Ui.waitUntil(display, WAIT, () -> {
            HostRow local = part.rows().get(0);
            if (local != seen.get(seen.size() - 1)) {
                seen.add(local);
            }
            return seen.size() >= 3;
        });
    }

    private long firstWorkerPidShown() {
        Table processes = part.processViewer().getTable();
        Ui.waitUntil(display, WAIT, () -> processes.getItemCount() > 0);
        for (TableItem item : processes.getItems()) {
            if (item.getText(0).equals("worker")) {
                return Long.parseLong(item.getText(1));
            }
        }
        throw new AssertionError("the process table shows no worker");
    }

    private static boolean isProblem(HostRow row) {
        return row.problem() != null && !ProcessesPart.WAITING.equals(row.problem());
    }

    private <T extends AutoCloseable> T started(T server) {
        servers.add(server);
        return server;
    }

    /** Stops the workers a test started, whatever the part did, so none outlives the test. */
    private void stopWorkers() {
        if (workerRunDirs.isEmpty()) {
            return;
        }
        try (Processes control = new Processes(folder.resolve("known_hosts"), HostKeyCallback.REFUSE,
                PasswordCallback.NONE)) {
            for (HostSettings settings : workerRunDirs) {
                control.control(Host.local(serverHome(), settings)).stopWorkers();
            }
        }
    }

    private static Path serverHome() {
        String home = System.getProperty(ProcessesPart.SERVER_HOME_PROPERTY, "");
        Path path = Path.of(home);
        if (home.isBlank() || !Files.isExecutable(path.resolve("bin/flapjack-worker-manager"))) {
            throw new IllegalStateException("set -D" + ProcessesPart.SERVER_HOME_PROPERTY + " to the built server "
                    + "product (product/target/products/flapjack.server/linux/gtk/x86_64): ./mvnw verify builds it");
        }
        return path;
    }
}
