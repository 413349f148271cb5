package org.flapjack.console.parts;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.flapjack.console.model.HostList;
import org.flapjack.console.model.HostSecrets;
import org.flapjack.console.quickstart.LocalStack;
import org.flapjack.processes.Host;
import org.flapjack.processes.HostControl;
import org.flapjack.processes.HostKeyQuestion;
import org.flapjack.processes.HostSettings;
import org.flapjack.processes.HostStatus;
import org.flapjack.processes.HostStore;
import org.flapjack.processes.ProcessState;
import org.flapjack.processes.Processes;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * beanstalkd, the workers and the notifier of each host: a row per host with their live status, buttons that start
 * and stop them as background jobs, the log of the process chosen in the lower table, and the hosts themselves to
 * add, edit and remove (this machine's row is always there).
 */
public class ProcessesPart {

    /** The server install this machine's row controls when the console launcher did not set flapjack.home. */
    public static final String SERVER_HOME_PROPERTY = "flapjack.server.home";

    static final String WAITING = "waiting for the first status";

    private static final System.Logger LOG = System.getLogger(ProcessesPart.class.getName());

    private static final long REFRESH_SECONDS = 3;

    private static final int LOG_LINES = 200;

    private final Map<Host, HostRow> rows = new ConcurrentHashMap<>();

    private final AtomicBoolean refreshing = new AtomicBoolean();

    private final ProcessWatch watch = new ProcessWatch();

    private HostList hostList;

    private HostSecrets secrets;

    private Path knownHosts;

    private Path agentSocket;

    private Processes processes;

    private ScheduledExecutorService refresher;

    private ExecutorService statusTakers;

    private Display display;

    private TableViewer hostsViewer;

    private TableViewer processViewer;

    private Text logText;

    private Label message;

    @Inject
    @Optional
    private LocalStack localStack;

    /** The part as the workbench makes it: the workspace's hosts, the user's known_hosts and SSH agent. */
    public ProcessesPart() {
    }

    /** A part on HOSTS and SECRETS, checking host keys against KNOWN_HOSTS and using the agent at AGENT_SOCKET. */
    ProcessesPart(HostList hosts, HostSecrets secrets, Path knownHosts, Path agentSocket) {
        this.hostList = hosts;
        this.secrets = secrets;
        this.knownHosts = knownHosts;
        this.agentSocket = agentSocket;
    }

    @PostConstruct
    public void createControls(Composite parent) {
        display = parent.getDisplay();
        setUpHosts();
        processes = new Processes(knownHosts, this::askHostKey, secrets, Processes.CONNECT_TIMEOUT, agentSocket);
        parent.setLayout(new GridLayout(1, false));
        createHostButtons(parent);
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        hostsViewer = createHostTable(sash);
        createHostMenu(hostsViewer);
        createButtons(parent);
        processViewer = createProcessTable(sash);
        logText = new Text(sash, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        sash.setWeights(2, 4, 2);
        message = new Label(parent, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        for (Host host : hostList.all()) {
            rows.put(host, new HostRow(host, null, WAITING, null));
        }
        showRows();
        statusTakers = Executors.newCachedThreadPool(runnable -> Thread.ofPlatform().daemon()
            .name("flapjack-processes-status").unstarted(runnable));
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> Thread.ofPlatform().daemon()
            .name("flapjack-processes-refresh").unstarted(runnable));
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    public void dispose() {
        refresher.shutdownNow();
        statusTakers.shutdownNow();
        processes.close();
    }

    /** The rows shown now, in the host list's order: localhost first. */
    public List<HostRow> rows() {
        return hostList.all().stream().map(rows::get).filter(Objects::nonNull).toList();
    }

    /** The line under the buttons: the last action's result or failure. */
    public String messageText() {
        return message.getText();
    }

    /** Opens the host dialog for a new remote host, then saves and shows what it returns. */
    public void addHost() {
        HostDialog dialog = new HostDialog(shell(), null, hostList.names(), false);
        if (dialog.open() == Window.OK) {
            store(null, dialog);
        }
    }

    /** Opens the host dialog for the selected remote host, then saves and shows what it returns. */
    public void editHost() {
        Host host = selectedRemoteHost("edit");
        if (host == null) {
            return;
        }
        Set<String> taken = new HashSet<>(hostList.names());
        taken.remove(host.name());
        HostDialog dialog = new HostDialog(shell(), host, taken, secrets.remembersPassword(host));
        if (dialog.open() == Window.OK) {
            store(host, dialog);
        }
    }

    /** Removes the selected remote host, with its remembered secrets, after asking. */
    public void removeHost() {
        Host host = selectedRemoteHost("remove");
        if (host == null || !MessageDialog.openConfirm(shell(), "Remove Host", "Remove " + host.name()
                + " from the list? Its processes keep running; its remembered password is forgotten.")) {
            return;
        }
        try {
            hostList.remove(host);
        } catch (IOException | IllegalArgumentException e) {
            MessageDialog.openError(shell(), "Remove Host", e.getMessage());
            return;
        }
        secrets.forget(host);
        retire(host);
        showRows();
        message.setText(host.name() + " removed.");
    }

    /** Logs in to the selected host afresh, asking again for a password that was cancelled or refused. */
    public void reconnect() {
        HostRow row = selectedRow();
        if (row == null) {
            message.setText("Choose a host first.");
            return;
        }
        Host host = row.host();
        secrets.retry(host);
        message.setText("Reconnecting to " + host.name() + "...");
        refresher.execute(() -> {
            processes.forget(host);
            refresh();
        });
    }

    TableViewer hostsViewer() {
        return hostsViewer;
    }

    TableViewer processViewer() {
        return processViewer;
    }

    /** Takes a status of every host now, each on a thread of its own, and shows them when all are in. */
    void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            List<Callable<Void>> takers = new ArrayList<>();
            for (Host host : hostList.all()) {
                takers.add(() -> {
                    HostRow row = nextRow(host);
                    rows.computeIfPresent(host, (key, old) -> row);
                    return null;
                });
            }
            statusTakers.invokeAll(takers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            refreshing.set(false);
        }
        asyncShow();
    }

    /**
     * The row of HOST after a new status; a host left alone after a cancelled or refused password keeps its row and
     * is not connected to, so that its server sees no login attempts until the operator reconnects.
     */
    private HostRow nextRow(Host host) {
        HostRow current = rows.get(host);
        if (current != null && current.problem() != null && secrets.resting(host)) {
            return current;
        }
        return statusRow(host);
    }

    private HostRow statusRow(Host host) {
        long mark = watch.mark(host);
        try {
            HostStatus status = processes.control(host).status();
            return new HostRow(host, status, null, watch.notice(host, mark, status));
        } catch (RuntimeException e) {
            String problem = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
            if (secrets.resting(host)) {
                problem += " (Reconnect to be asked again)";
            }
            return new HostRow(host, null, problem, null);
        }
    }

    /** For the part the workbench makes: the workspace's hosts, secure storage, ~/.ssh (tests hand in their own). */
    private void setUpHosts() {
        if (hostList != null) {
            return;
        }
        Path workspace = workspace();
        Host local = localStack != null ? localStack.host() : Host.local(localInstall(),
            HostSettings.defaults().withBeanstalkdDir(workspace.resolve("beanstalkd").toString()));
        hostList = new HostList(local, new HostStore(workspace));
        secrets = new HostSecrets(SecurePreferencesFactory::getDefault,
            question -> SecretDialog.ask(display, question));
        knownHosts = Processes.userKnownHosts();
        agentSocket = Processes.userAgentSocket();
    }

    private void store(Host old, HostDialog dialog) {
        Host host = dialog.result();
        try {
            hostList.put(old, host);
        } catch (IOException | IllegalArgumentException e) {
            MessageDialog.openError(shell(), old == null ? "New Host" : "Edit Host", e.getMessage());
            return;
        }
        if (old != null && !sameLogin(old, host)) {
            secrets.forget(old);
        }
        char[] password = dialog.password();
        if (password != null) {
            secrets.keepPassword(host, password, dialog.rememberPassword());
        }
        if (old != null) {
            retire(old);
        }
        rows.put(host, new HostRow(host, null, WAITING, null));
        showRows();
        rows().stream().filter(row -> row.host().equals(host)).findFirst()
            .ifPresent(row -> hostsViewer.setSelection(new StructuredSelection(row)));
        message.setText(host.name() + " saved in " + HostStore.FILE_NAME + ".");
        refresher.execute(this::refresh);
    }

    /** Drops the row, the watch and the connection of a host that was edited or removed. */
    private void retire(Host host) {
        rows.remove(host);
        watch.forget(host);
        refresher.execute(() -> processes.forget(host));
    }

    /** Whether a remembered password of OLD still opens NEW: the same name, login and way of logging in. */
    private static boolean sameLogin(Host old, Host changed) {
        return old.name().equals(changed.name()) && old.login().equals(changed.login())
            && old.authentication() == changed.authentication();
    }

    private Host selectedRemoteHost(String verb) {
        HostRow row = selectedRow();
        if (row == null) {
            message.setText("Choose a remote host to " + verb + " first.");
            return null;
        }
        if (row.host().isLocal()) {
            message.setText(row.host().name() + " is this machine: it is always listed, and its folders come from "
                + "the console's preferences.");
            return null;
        }
        return row.host();
    }

    private void asyncShow() {
        try {
            display.asyncExec(this::showRows);
        } catch (SWTException e) {
            LOG.log(System.Logger.Level.DEBUG, "the display closed before the status could be shown");
        }
    }

    private void showRows() {
        if (hostsViewer.getTable().isDisposed()) {
            return;
        }
        HostRow selected = selectedRow();
        hostsViewer.setInput(rows());
        // With nothing chosen yet, the first host's processes show: most consoles watch only this machine.
        rows().stream().filter(row -> selected == null || row.host().equals(selected.host())).findFirst()
            .ifPresent(row -> hostsViewer.setSelection(new StructuredSelection(row)));
        showProcesses();
    }

    private void showProcesses() {
        HostRow row = selectedRow();
        Object chosen = processViewer.getStructuredSelection().getFirstElement();
        List<ProcessState> shown = row == null ? List.of() : processesOf(row.status());
        processViewer.setInput(shown);
        if (chosen instanceof ProcessState state) {
            shown.stream().filter(process -> process.pid() == state.pid()).findFirst()
                .ifPresent(process -> processViewer.setSelection(new StructuredSelection(process)));
        }
    }

    /** The processes of STATUS, beanstalkd and the notifier first; none when there is no status. */
    private static List<ProcessState> processesOf(HostStatus status) {
        List<ProcessState> all = new ArrayList<>();
        if (status != null) {
            status.beanstalkdProcess().ifPresent(all::add);
            status.notifierProcess().ifPresent(all::add);
            all.addAll(status.workers());
        }
        return all;
    }

    private void createHostButtons(Composite parent) {
        Composite buttons = new Composite(parent, SWT.NONE);
        buttons.setLayout(new RowLayout());
        // Filling the width lets the row of buttons wrap when the part is narrower than they are.
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        pushButton(buttons, "Add Host...", this::addHost);
        pushButton(buttons, "Edit Host...", this::editHost);
        pushButton(buttons, "Remove Host", this::removeHost);
        pushButton(buttons, "Reconnect", this::reconnect);
    }

    private void createHostMenu(TableViewer viewer) {
        Menu menu = new Menu(viewer.getTable());
        menuItem(menu, "Add Host...", this::addHost);
        menuItem(menu, "Edit Host...", this::editHost);
        menuItem(menu, "Remove Host", this::removeHost);
        menuItem(menu, "Reconnect", this::reconnect);
        viewer.getTable().setMenu(menu);
        viewer.addDoubleClickListener(event -> editHost());
    }

    private TableViewer createHostTable(Composite parent) {
        TableViewer viewer = new TableViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        addColumn(viewer, "Host", 120, (HostRow row) -> row.host().name());
        addColumn(viewer, "beanstalkd", 110, HostRow::beanstalkdText);
        addColumn(viewer, "Workers", 80, HostRow::workersText);
        addColumn(viewer, "Checks/s", 80, HostRow::checksPerSecondText);
        addColumn(viewer, "Notifier", 110, HostRow::notifierText);
        addColumn(viewer, "Problem", 360, HostRow::problemText);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addSelectionChangedListener(event -> showProcesses());
        return viewer;
    }

    private TableViewer createProcessTable(Composite parent) {
        TableViewer viewer = new TableViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        addColumn(viewer, "Process", 110, (ProcessState state) -> state.kind().name().toLowerCase());
        addColumn(viewer, "PID", 80, (ProcessState state) -> Long.toString(state.pid()));
        addColumn(viewer, "Uptime", 90, (ProcessState state) -> uptime(state.uptime()));
        addColumn(viewer, "CPU %", 70, (ProcessState state) -> String.format("%.1f", state.cpuPercent()));
        addColumn(viewer, "Memory", 90, (ProcessState state) -> state.memoryKiB() / 1024 + " MiB");
        addColumn(viewer, "Checks run", 90, (ProcessState state) -> Long.toString(state.checksRun()));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addSelectionChangedListener(event -> showLog());
        return viewer;
    }

    private void createButtons(Composite parent) {
        Composite buttons = new Composite(parent, SWT.NONE);
        buttons.setLayout(new RowLayout());
        // Filling the width lets the row of buttons wrap when the part is narrower than they are.
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        button(buttons, "Start beanstalkd", "Starting beanstalkd", HostControl::startBeanstalkd);
        button(buttons, "Stop beanstalkd", "Stopping beanstalkd", HostControl::stopBeanstalkd);
        button(buttons, "+5 workers", "Starting 5 workers", control -> control.startWorkers(5));
        button(buttons, "Stop all workers", "Stopping the workers", HostControl::stopWorkers);
        button(buttons, "Start notifier", "Starting the notifier", HostControl::startNotifier);
        button(buttons, "Stop notifier", "Stopping the notifier", HostControl::stopNotifier);
        button(buttons, "Restart notifier", "Restarting the notifier", HostControl::restartNotifier);
    }

    private void button(Composite parent, String label, String jobName, Function<HostControl, String> action) {
        pushButton(parent, label, () -> {
            HostRow row = selectedRow();
            if (row == null) {
                message.setText("Choose a host first.");
                return;
            }
            run(jobName + " on " + row.host().name(), row.host(), action);
        });
    }

    /** Runs an action as a job, says how it went under the buttons, and refreshes the status after it. */
    private void run(String name, Host host, Function<HostControl, String> action) {
        message.setText(name + "...");
        watch.actionStarted(host);
        Job job = Job.create(name, monitor -> {
            IStatus result;
            String text;
            try {
                text = action.apply(processes.control(host));
                result = Status.OK_STATUS;
            } catch (RuntimeException e) {
                text = name + " failed: " + e.getMessage();
                result = Status.warning(text);
                LOG.log(System.Logger.Level.WARNING, text);
            } finally {
                watch.actionEnded(host);
            }
            String shown = text;
            if (!display.isDisposed()) {
                display.asyncExec(() -> {
                    if (!message.isDisposed()) {
                        message.setText(shown.lines().reduce((first, last) -> last).orElse(name + ": done"));
                    }
                });
            }
            refresher.execute(this::refresh);
            return result;
        });
        job.setUser(true);
        job.schedule();
    }

    private void showLog() {
        HostRow row = selectedRow();
        Object selected = processViewer.getStructuredSelection().getFirstElement();
        if (row == null || !(selected instanceof ProcessState state)) {
            return;
        }
        Job job = Job.create("Reading the log of " + state.kind().name().toLowerCase() + " " + state.pid(),
            monitor -> {
                String text;
                try {
                    text = processes.control(row.host()).log(state.kind(), state.pid(), LOG_LINES);
                } catch (RuntimeException e) {
                    text = e.getMessage();
                }
                String shown = text;
                display.asyncExec(() -> {
                    if (!logText.isDisposed()) {
                        logText.setText(shown);
                        logText.setTopIndex(logText.getLineCount());
                    }
                });
                return Status.OK_STATUS;
            });
        job.setSystem(true);
        job.schedule();
    }

    private HostRow selectedRow() {
        IStructuredSelection selection = hostsViewer.getStructuredSelection();
        return selection.getFirstElement() instanceof HostRow row ? row : null;
    }

    /** Asks the operator about a new or changed host key, on the UI thread, and waits for the answer. */
    private boolean askHostKey(HostKeyQuestion question) {
        boolean[] accepted = new boolean[1];
        String text = question.changed()
            ? "The host key of " + question.host().name() + " changed.\n\nWas: " + question.knownFingerprint()
                + "\nNow: " + question.fingerprint() + "\n\nSomeone may be in between. Trust the new key?"
            : "The host " + question.host().name() + " (" + question.host().address() + ") is not known yet.\n\n"
                + "Key fingerprint: " + question.fingerprint() + "\n\nTrust this key?";
        display.syncExec(() -> accepted[0] = MessageDialog.openQuestion(display.getActiveShell(), "Host key", text));
        return accepted[0];
    }

    private Shell shell() {
        return hostsViewer.getControl().getShell();
    }

    private static Path localInstall() {
        String home = System.getProperty("flapjack.home", System.getProperty(SERVER_HOME_PROPERTY, ""));
        return home.isBlank() ? Path.of(System.getProperty("user.dir")) : Path.of(home);
    }

    private static Path workspace() {
        try {
            if (Platform.getInstanceLocation() != null && Platform.getInstanceLocation().getURL() != null) {
                return Path.of(Platform.getInstanceLocation().getURL().toURI());
            }
        } catch (URISyntaxException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "no workspace: " + e);
        }
        return Path.of(System.getProperty("user.home"), ".flapjack");
    }

    private static String uptime(Duration uptime) {
        return String.format("%d:%02d:%02d", uptime.toHours(), uptime.toMinutesPart(), uptime.toSecondsPart());
    }

    private static void pushButton(Composite parent, String label, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        button.addListener(SWT.Selection, event -> action.run());
    }

    private static void menuItem(Menu menu, String label, Runnable action) {
        MenuItem item = new MenuItem(menu, SWT.PUSH);
        item.setText(label);
        item.addListener(SWT.Selection, event -> action.run());
    }

    @SuppressWarnings("unchecked")
    private static <T> void addColumn(TableViewer viewer, String title, int width, Function<T, String> value) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return value.apply((T) element);
            }
        });
    }

    /**
     * One host as the part shows it.
     *
     * @param host the host
     * @param status its last status, or null when it could not be taken
     * @param problem why there is no status, or null
     * @param notice processes that went away unasked since the last action on the host, or null
     */
    public record HostRow(Host host, HostStatus status, String problem, String notice) {

        String beanstalkdText() {
            return status == null ? "?" : status.beanstalkdProcess().map(p -> "running (" + p.pid() + ")")
                .orElse("stopped");
        }

        String workersText() {
            return status == null ? "?" : Integer.toString(status.workers().size());
        }

        String checksPerSecondText() {
            return status == null ? "?" : String.format("%.1f", status.checksPerSecond());
        }

        String notifierText() {
            return status == null ? "?" : status.notifierProcess().map(p -> "running (" + p.pid() + ")")
                .orElse("stopped");
        }

        String problemText() {
            return problem != null ? problem : notice != null ? notice : "";
        }
    }
}
