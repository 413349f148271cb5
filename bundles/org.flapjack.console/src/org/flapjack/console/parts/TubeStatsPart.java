package org.flapjack.console.parts;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.flapjack.console.model.ConsoleSession;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.core.transport.TubeStats;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/** Each beanstalkd tube's total, ready, delayed, reserved and buried jobs, read once a second off the UI thread. */
public class TubeStatsPart {

    static final long REFRESH_MILLIS = 1000;

    private ConsoleSession session;
    private TableViewer viewer;
    private Label state;
    private Refresher refresher;
    private TransportSession transport;

    @PostConstruct
    public void createControls(Composite parent, ConsoleSession session) {
        this.session = session;
        parent.setLayout(new GridLayout(1, false));
        state = new Label(parent, SWT.NONE);
        state.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        state.setText("connecting to beanstalkd at " + session.settings().beanstalkdHost() + ":"
                + session.settings().beanstalkdPort() + "...");
        viewer = new TableViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        addColumn("Tube", 140, TubeStats::tube);
        addColumn("Total", 70, stats -> Long.toString(stats.total()));
        addColumn("Ready", 70, stats -> Long.toString(stats.ready()));
        addColumn("Delayed", 70, stats -> Long.toString(stats.delayed()));
        addColumn("Reserved", 70, stats -> Long.toString(stats.reserved()));
        addColumn("Buried", 70, stats -> Long.toString(stats.buried()));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(List.of());
        startRefreshing(parent.getDisplay());
    }

    @PreDestroy
    public void dispose() {
        if (refresher != null) {
            refresher.stop();
        }
        closeTransport();
    }

    /** The tubes shown now. */
    @SuppressWarnings("unchecked")
    public List<TubeStats> shownTubes() {
        return (List<TubeStats>) viewer.getInput();
    }

    /** The line above the table. */
    public String stateText() {
        return state.getText();
    }

    private void startRefreshing(Display display) {
        refresher = new Refresher("Reading tube statistics", REFRESH_MILLIS, () -> read(display)).start(0);
    }

    private void read(Display display) {
        String where = session.settings().beanstalkdHost() + ":" + session.settings().beanstalkdPort();
        try {
            if (transport == null) {
                transport = session.transport().openSession();
            }
            List<TubeStats> tubes = List.copyOf(transport.stats().values());
            show(display, tubes, "beanstalkd at " + where + ", " + tubes.size() + " tubes");
        } catch (RuntimeException e) {
            closeTransport();
            show(display, List.of(), "beanstalkd at " + where + " unreachable: " + e.getMessage());
        }
    }

    private void show(Display display, List<TubeStats> tubes, String text) {
        if (display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            if (!viewer.getControl().isDisposed()) {
                viewer.setInput(tubes);
                state.setText(text);
            }
        });
    }

    private synchronized void closeTransport() {
        if (transport != null) {
            transport.close();
            transport = null;
        }
    }

    private void addColumn(String title, int width, Function<TubeStats, String> value) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return value.apply((TubeStats) element);
            }
        });
    }

}
