package org.flapjack.console.quickstart;

import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.flapjack.console.model.ConsolePreferences;
import org.flapjack.console.model.ConsoleSession;
import org.flapjack.console.model.ConsoleSettings;
import org.flapjack.console.parts.ChecksPart;
import org.flapjack.console.parts.ProcessesPart;
import org.flapjack.console.parts.RecipientsPart;
import org.flapjack.processes.HostKeyCallback;
import org.flapjack.processes.HostSettings;
import org.flapjack.processes.PasswordCallback;
import org.flapjack.processes.Processes;
import org.osgi.framework.FrameworkUtil;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * Starts the {@link LocalStack} once the console's window is up, in a Job whose steps show in the status line, and
 * stops what it started when the console exits. Does nothing when the preference or {@link LocalStack#SWITCH_PROPERTY}
 * turns the stack off.
 */
public class LocalStackAddon {

    /** The event topic whose String data the status line shows. */
    public static final String STATUS_TOPIC = "org/flapjack/console/statusLine";

    static final String STATUS_PART = "org.flapjack.console.part.status";

    static final String CHECKS_PART = "org.flapjack.console.part.checks";

    static final String RECIPIENTS_PART = "org.flapjack.console.part.recipients";

    private static final System.Logger LOG = System.getLogger(LocalStackAddon.class.getName());

    private LocalStack stack;
    private Processes processes;

    /** Decides whether the stack runs and, if so, points the console's session at its beanstalkd. */
    @PostConstruct
    public void prepare(MApplication application, IEventBroker broker, EModelService models, UISynchronize ui) {
        ConsoleSettings settings = ConsolePreferences.load();
        if (LocalStack.switchedOff() || !ConsolePreferences.localStack(settings)) {
            return;
        }
        processes = new Processes(Processes.userKnownHosts(), HostKeyCallback.REFUSE, PasswordCallback.NONE);
        stack = new LocalStack(serverInstall(), stateDir(), settings, HostSettings.DEFAULT_BEANSTALK_PORT, processes);
        IEclipseContext context = application.getContext();
        context.set(LocalStack.class, stack);
        context.set(ConsoleSession.class,
                new ConsoleSession(() -> stack.adjust(ConsolePreferences.load()), ConsolePreferences::password));
        broker.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE,
                event -> start(context.get(ConsoleSession.class), broker, () -> showResults(application, models, ui)));
        // A console killed by a signal skips @PreDestroy; the hook stops what was started all the same.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            try {
                stop();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "local stack not stopped at exit: " + e);
            }
        }));
    }

    /** Stops what the stack started; the console waits for it on exit. */
    @PreDestroy
    public void stop() {
        if (stack == null) {
            return;
        }
        String done = stack.stop();
        if (!done.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, () -> "local stack: " + done.replace('\n', ';'));
        }
        processes.close();
    }

    private void start(ConsoleSession session, IEventBroker broker, Runnable started) {
        Job job = Job.create("Starting the local Flapjack stack", (IProgressMonitor monitor) -> {
            monitor.beginTask("Starting the local Flapjack stack", IProgressMonitor.UNKNOWN);
            try {
                String line = stack.start(session, step -> {
                    monitor.subTask(step);
                    broker.post(STATUS_TOPIC, step + "...");
                });
                broker.post(STATUS_TOPIC, line);
                started.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "the local stack did not start: " + e.getMessage());
                broker.post(STATUS_TOPIC, "Local stack not started: " + e.getMessage());
            } finally {
                monitor.done();
            }
            return Status.OK_STATUS;
        });
        job.schedule();
    }

    /**
     * Shows the checks and the recipients file just written, and brings the Status part to the front, where the first
     * results arrive.
     */
    private void showResults(MApplication application, EModelService models, UISynchronize ui) {
        ui.asyncExec(() -> {
            if (models.find(RECIPIENTS_PART, application) instanceof MPart recipients
                    && recipients.getObject() instanceof RecipientsPart part) {
                part.openIfNone(stack.recipientsFile());
            }
            if (models.find(CHECKS_PART, application) instanceof MPart checks
                    && checks.getObject() instanceof ChecksPart part) {
                part.reloadUnlessEdited();
            }
            if (models.find(STATUS_PART, application) instanceof MPart status && status.getParent() != null) {
                status.getParent().setSelectedElement(status);
            }
        });
    }

    private static Path serverInstall() {
        String home = System.getProperty("flapjack.home", System.getProperty(ProcessesPart.SERVER_HOME_PROPERTY, ""));
        return home.isBlank() ? Path.of(System.getProperty("user.dir")) : Path.of(home);
    }

    /** The console's state folder in its workspace, or ~/.flapjack/console when it runs without one. */
    private static Path stateDir() {
        try {
            if (Platform.getInstanceLocation() != null && Platform.getInstanceLocation().getURL() != null) {
                return Path.of(Platform.getStateLocation(FrameworkUtil.getBundle(LocalStackAddon.class)).toFile()
                        .toURI()).resolve("local-stack");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "no workspace: " + e);
        }
        return Path.of(System.getProperty("user.home"), ".flapjack", "console", "local-stack");
    }
}
