package org.flapjack.console.parts;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ILazyContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.flapjack.console.model.ConsoleSession;
import org.flapjack.core.model.CheckStatus;
import org.flapjack.core.model.Event;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * The latest status of every check, read from the store every few seconds off the UI thread, filtered by status and
 * text; below, the events of the selected check.
 */
public class StatusPart {

    static final long REFRESH_MILLIS = 5000;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private ConsoleSession session;
    private TableViewer statuses;
    private TableViewer events;
    private Text filterText;
    private Combo statusFilter;
    private Label summary;
    private CheckStatus[] all = new CheckStatus[0];
    private CheckStatus[] shown = new CheckStatus[0];
    private final Map<org.flapjack.core.model.Status, Image> icons =
            new EnumMap<>(org.flapjack.core.model.Status.class);
    private Refresher refresher;

    @PostConstruct
    public void createControls(Composite parent, ConsoleSession session) {
        this.session = session;
        parent.setLayout(new GridLayout(1, false));
        createFilters(parent);
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        statuses = new TableViewer(sash, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.VIRTUAL);
        setUp(statuses.getTable());
        addStatusColumn();
        addColumn(statuses, "Check", 180, s -> ((CheckStatus) s).check());
        addColumn(statuses, "Output", 320, s -> ((CheckStatus) s).output());
        addColumn(statuses, "Last run", 140, s -> TIME.format(((CheckStatus) s).time()));
        addColumn(statuses, "Worker", 120, s -> ((CheckStatus) s).worker());
        statuses.setUseHashlookup(true);
        statuses.setContentProvider(new LazyStatuses());
        statuses.setInput(shown);
        statuses.addSelectionChangedListener(e -> loadEvents());
        events = new TableViewer(sash, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        setUp(events.getTable());
        addColumn(events, "Time", 140, e -> TIME.format(((Event) e).time()));
        addColumn(events, "Status", 80, e -> ((Event) e).status().name());
        addColumn(events, "Output", 420, e -> ((Event) e).output());
        events.setContentProvider(ArrayContentProvider.getInstance());
        sash.setWeights(70, 30);
        startRefreshing(parent.getDisplay());
    }

    @PreDestroy
    public void dispose() {
        if (refresher != null) {
            refresher.stop();
        }
        icons.values().forEach(Image::dispose);
    }

    /** Reads the latest statuses now, off the UI thread; returns the Job doing it. */
    public Job refresh() {
        Display display = statuses.getControl().getDisplay();
        Job job = Job.create("Reading check statuses", monitor -> {
            read(display);
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
        return job;
    }

    /** The statuses the table shows now. */
    public List<CheckStatus> shownStatuses() {
        return List.of(shown);
    }

    TableViewer viewer() {
        return statuses;
    }

    TableViewer eventsViewer() {
        return events;
    }

    private void createFilters(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        bar.setLayout(new GridLayout(2, false));
        filterText = new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER);
        filterText.setMessage("Filter by check, output or worker");
        filterText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filterText.addModifyListener(e -> applyFilter());
        statusFilter = new Combo(bar, SWT.READ_ONLY);
        statusFilter.setItems("All statuses", "Failing", "OK", "WARNING", "CRITICAL", "UNKNOWN");
        statusFilter.select(0);
        statusFilter.addListener(SWT.Selection, e -> applyFilter());
        summary = new Label(bar, SWT.NONE);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
    }

    private void startRefreshing(Display display) {
        refresher = new Refresher("Refreshing check statuses", REFRESH_MILLIS, () -> read(display)).start(0);
    }

    private void read(Display display) {
        try {
            List<CheckStatus> latest = session.persistence().latestStatuses();
            asyncExec(display, () -> {
                all = latest.toArray(CheckStatus[]::new);
                applyFilter();
            });
        } catch (RuntimeException e) {
            asyncExec(display, () -> summary.setText("statuses not read: " + e.getMessage()));
        }
    }

    private void applyFilter() {
        String text = filterText.getText().strip().toLowerCase(Locale.ROOT);
        int wanted = statusFilter.getSelectionIndex();
        String selected = selectedCheck();
        shown = java.util.Arrays.stream(all).filter(s -> matchesStatus(s, wanted))
                .filter(s -> text.isEmpty() || contains(s.check(), text) || contains(s.output(), text)
                        || contains(s.worker(), text))
                .toArray(CheckStatus[]::new);
        Table table = statuses.getTable();
        table.setRedraw(false);
        try {
            table.removeAll();
            statuses.setInput(shown);
            statuses.setItemCount(shown.length);
        } finally {
            table.setRedraw(true);
        }
        long failing = java.util.Arrays.stream(all).filter(s -> s.status().isFailure()).count();
        summary.setText(shown.length + " shown, " + failing + " of " + all.length + " failing");
        for (int i = 0; selected != null && i < shown.length; i++) {
            if (shown[i].check().equals(selected)) {
                table.setSelection(i);
                break;
            }
        }
    }

    private static boolean matchesStatus(CheckStatus status, int wanted) {
        return switch (wanted) {
            case 0 -> true;
            case 1 -> status.status().isFailure();
            default -> status.status().ordinal() == wanted - 2;
        };
    }

    private static boolean contains(String field, String word) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(word);
    }

    private String selectedCheck() {
        int index = statuses.getTable().getSelectionIndex();
        return index >= 0 && index < shown.length ? shown[index].check() : null;
    }

    private void loadEvents() {
        String check = selectedCheck();
        if (check == null) {
            events.setInput(List.of());
            return;
        }
        Display display = events.getControl().getDisplay();
        Job job = Job.create("Reading events of " + check, monitor -> {
            try {
                List<Event> found = session.persistence().events(check, 0, 100);
                asyncExec(display, () -> events.setInput(found));
            } catch (RuntimeException e) {
                asyncExec(display, () -> summary.setText("events not read: " + e.getMessage()));
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void asyncExec(Display display, Runnable action) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!statuses.getControl().isDisposed()) {
                    action.run();
                }
            });
        }
    }

    private void addStatusColumn() {
        TableViewerColumn column = new TableViewerColumn(statuses, SWT.NONE);
        column.getColumn().setText("Status");
        column.getColumn().setWidth(100);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return ((CheckStatus) element).status().name();
            }

            @Override
            public Image getImage(Object element) {
                return icon(((CheckStatus) element).status());
            }

            @Override
            public Color getBackground(Object element) {
                return StatusColors.of(statuses.getControl().getDisplay(), ((CheckStatus) element).status());
            }
        });
    }

    /** A small round icon in the status's colour, drawn once. */
    private Image icon(org.flapjack.core.model.Status status) {
        return icons.computeIfAbsent(status, s -> {
            Display display = statuses.getControl().getDisplay();
            Image image = new Image(display, 12, 12);
            GC gc = new GC(image);
            gc.setBackground(StatusColors.of(display, s));
            gc.fillRectangle(0, 0, 12, 12);
            gc.setBackground(display.getSystemColor(switch (s) {
                case OK -> SWT.COLOR_DARK_GREEN;
                case WARNING -> SWT.COLOR_DARK_YELLOW;
                case CRITICAL -> SWT.COLOR_RED;
                case UNKNOWN -> SWT.COLOR_DARK_GRAY;
            }));
            gc.fillOval(1, 1, 10, 10);
            gc.dispose();
            return image;
        });
    }

    private static void setUp(Table table) {
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
    }

    private static void addColumn(TableViewer viewer, String title, int width, Function<Object, String> value) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String text = value.apply(element);
                return text == null ? "" : text;
            }
        });
    }

    /** Hands the virtual table only the rows it paints. */
    private final class LazyStatuses implements ILazyContentProvider {

        @Override
        public void updateElement(int index) {
            if (index < shown.length) {
                statuses.replace(shown[index], index);
            }
        }

        @Override
        public void inputChanged(Viewer viewer, Object oldInput, Object newInput) {
            // the shown array is read at paint time
        }
    }
}
