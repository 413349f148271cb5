package org.flapjack.console.parts;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
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
import org.eclipse.swt.widgets.Text;
import org.flapjack.console.quickstart.LocalStack;
import org.flapjack.processes.Host;
import org.flapjack.processes.HostControl;
import org.flapjack.processes.HostKeyQuestion;
import org.flapjack.processes.HostSettings;
import org.flapjack.processes.HostStatus;
import org.flapjack.processes.HostStore;
import org.flapjack.processes.PasswordCallback;
import org.flapjack.processes.ProcessState;
import org.flapjack.processes.Processes;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * beanstalkd, the workers and the notifier of each host: a row per host with their live status, buttons that start
 * and stop them as background jobs, and the log of the process chosen in the lower table.
 */
public class ProcessesPart {

    /** The server install this machine's row controls when the console launcher did not set flapjack.home. */
    public static final String SERVER_HOME_PROPERTY = "flapjack.server.home";

    private static final System.Logger LOG = System.getLogger(ProcessesPart.class.getName());

    private static final long REFRESH_SECONDS = 3;

    private static final int LOG_LINES = 200;

    private final Map<Host, HostRow> rows = new ConcurrentHashMap<>();

    private final AtomicBoolean refreshing = new AtomicBoolean();

    private Processes processes;

    private ScheduledExecutorService refresher;

    private Display display;

    private TableViewer hostsViewer;

    private TableViewer processViewer;

    private Text logText;

    private Label message;

    @Inject
    @Optional
    private LocalStack localStack;

    @PostConstruct
    public void createControls(Composite parent) {
        display = parent.getDisplay();
        processes = new Processes(Processes.userKnownHosts(), this::askHostKey, PasswordCallback.NONE);
        parent.setLayout(new GridLayout(1, false));
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        hostsViewer = createHostTable(sash);
        createButtons(parent);
        processViewer = createProcessTable(sash);
        logText = new Text(sash, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        sash.setWeights(3, 2, 3);
        message = new Label(parent, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        for (Host host : hosts()) {
            rows.put(host, new HostRow(host, null, "waiting for the first status"));
        }
        showRows();
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> Thread.ofPlatform().daemon()
            .name("flapjack-processes-refresh").unstarted(runnable));
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    public void dispose() {
        refresher.shutdownNow();
        processes.close();
    }

    /** The rows shown now, localhost first. */
    public List<HostRow> rows() {
        return rows.values().stream().sorted((a, b) -> order(a.host()) - order(b.host())).toList();
    }

    /** The line under the buttons: the last action's result or failure. */
    public String messageText() {
        return message.getText();
    }

    TableViewer hostsViewer() {
        return hostsViewer;
    }

    /** Takes a status of every host now, off the UI thread, and shows it when done. */
    void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Host host : List.copyOf(rows.keySet())) {
                rows.put(host, statusRow(processes.control(host)));
            }
        } finally {
            refreshing.set(false);
        }
        asyncShow();
    }

    private static HostRow statusRow(HostControl control) {
        try {
            return new HostRow(control.host(), control.status(), null);
        } catch (RuntimeException e) {
            return new HostRow(control.host(), null, e.getMessage());
        }
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
        if (selected != null) {
            rows().stream().filter(row -> row.host().equals(selected.host())).findFirst()
                .ifPresent(row -> hostsViewer.setSelection(new org.eclipse.jface.viewers.StructuredSelection(row)));
        }
        showProcesses();
    }

    private void showProcesses() {
        HostRow row = selectedRow();
        processViewer.setInput(row == null || row.status() == null ? List.of() : processesOf(row.status()));
    }

    private static List<ProcessState> processesOf(HostStatus status) {
        List<ProcessState> all = new ArrayList<>();
        status.beanstalkdProcess().ifPresent(all::add);
        status.notifierProcess().ifPresent(all::add);
        all.addAll(status.workers());
        return all;
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
        addColumn(viewer, "Problem", 360, (HostRow row) -> row.problem() == null ? "" : row.problem());
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
        button(buttons, "Start beanstalkd", "Starting beanstalkd", HostControl::startBeanstalkd);
        button(buttons, "Stop beanstalkd", "Stopping beanstalkd", HostControl::stopBeanstalkd);
        button(buttons, "+5 workers", "Starting 5 workers", control -> control.startWorkers(5));
        button(buttons, "Stop all workers", "Stopping the workers", HostControl::stopWorkers);
        button(buttons, "Start notifier", "Starting the notifier", HostControl::startNotifier);
        button(buttons, "Stop notifier", "Stopping the notifier", HostControl::stopNotifier);
        button(buttons, "Restart notifier", "Restarting the notifier", HostControl::restartNotifier);
    }

    private void button(Composite parent, String label, String jobName, Function<HostControl, String> action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        button.addListener(SWT.Selection, event -> {
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

    private List<Host> hosts() {
        Path workspace = workspace();
        List<Host> hosts = new ArrayList<>();
        hosts.add(localStack != null ? localStack.host() : Host.local(localInstall(),
            HostSettings.defaults().withBeanstalkdDir(workspace.resolve("beanstalkd").toString())));
        try {
            new HostStore(workspace).load().stream().filter(host -> !host.isLocal()).forEach(hosts::add);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "cannot read the hosts list: " + e.getMessage());
        }
        return hosts;
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

    private static int order(Host host) {
        return host.isLocal() ? 0 : 1;
    }

    private static String uptime(Duration uptime) {
        return String.format("%d:%02d:%02d", uptime.toHours(), uptime.toMinutesPart(), uptime.toSecondsPart());
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
     */
    public record HostRow(Host host, HostStatus status, String problem) {

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
    }
}
