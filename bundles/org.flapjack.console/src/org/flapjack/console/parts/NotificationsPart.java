package org.flapjack.console.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.flapjack.console.quickstart.LocalStack;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/** The end of the local notifier's log file, read again every few seconds: the messages it would send. */
public class NotificationsPart {

    static final long REFRESH_MILLIS = 2000;

    static final int LINES = 200;

    @Inject
    @Optional
    private LocalStack stack;

    private Text text;
    private Job reader;
    private long shownSize = -1;

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Label file = new Label(parent, SWT.WRAP);
        file.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        text = new Text(parent, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.WRAP | SWT.BORDER);
        text.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        if (stack == null) {
            file.setText("The local stack is off (File > Preferences), so no local notifier writes here.");
            return;
        }
        file.setText("Messages of the local notifier's log notifier, from " + stack.notificationsLog());
        startReading(parent.getDisplay(), stack.notificationsLog());
    }

    @PreDestroy
    public void dispose() {
        if (reader != null) {
            reader.cancel();
        }
    }

    /** The text shown now. */
    public String shownText() {
        return text.getText();
    }

    private void startReading(Display display, Path log) {
        reader = new Job("Reading " + log.getFileName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                readIfChanged(display, log);
                if (!monitor.isCanceled()) {
                    schedule(REFRESH_MILLIS);
                }
                return Status.OK_STATUS;
            }
        };
        reader.setSystem(true);
        reader.schedule();
    }

    private void readIfChanged(Display display, Path log) {
        try {
            long size = Files.isRegularFile(log) ? Files.size(log) : 0;
            if (size == shownSize) {
                return;
            }
            shownSize = size;
            String tail = size == 0 ? "(nothing notified yet)" : String.join("\n", lastLines(log));
            display.asyncExec(() -> {
                if (!text.isDisposed()) {
                    text.setText(tail);
                    text.setTopIndex(text.getLineCount());
                }
            });
        } catch (IOException e) {
            shownSize = -1;
        }
    }

    private static List<String> lastLines(Path log) throws IOException {
        // TODO(notifications view): reads the whole file each time it grows; fine for a quickstart's log.
        List<String> lines = Files.readAllLines(log);
        return lines.subList(Math.max(0, lines.size() - LINES), lines.size());
    }
}
