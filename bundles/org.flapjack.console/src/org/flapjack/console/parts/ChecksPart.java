package org.flapjack.console.parts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.model.application.ui.MDirtyable;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ILazyContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.flapjack.console.model.CheckFilter;
import org.flapjack.console.model.ChangeSet;
import org.flapjack.console.model.ChecksDocument;
import org.flapjack.console.model.ChecksSave;
import org.flapjack.console.model.ConsoleSession;
import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckStatus;
import org.flapjack.core.model.CommandRenderer;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.populator.BatchContent;
import org.flapjack.populator.BatchFile;
import org.flapjack.populator.BatchRefusedException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * Edits the checks Flapjack runs: a filterable virtual table of every check with its command as it will run,
 * buttons to add, edit, duplicate, delete, enable and disable, and below it the recipients assigned to the selected
 * check. Recipients dropped on a row are assigned to that check; an assigned recipient dragged back onto the
 * Recipients list is taken off it. Loading and saving run in Jobs, so the table stays usable with tens of thousands
 * of checks.
 */
public class ChecksPart implements Revertible {

    private static final System.Logger LOG = System.getLogger(ChecksPart.class.getName());

    private ConsoleSession session;
    private ChecksDocument document;
    private MDirtyable dirtyable;
    private final Runnable documentListener = this::documentChanged;

    private final ChecksSave.Listener saveListener = new SaveProgress();

    private Text filterText;
    private Label countLabel;
    private Composite saveRow;
    private ProgressBar saveBar;
    private Label saveLabel;
    private TableViewer viewer;
    private org.eclipse.swt.widgets.List assignedList;
    private DropHint dropHint;
    private Check[] shown = new Check[0];
    private Map<String, CheckStatus> statuses = Map.of();
    private String filter = "";
    private Refresher statusRefresher;

    @PostConstruct
    public void createControls(Composite parent, ConsoleSession session, MDirtyable dirtyable) {
        this.session = session;
        this.document = session.document();
        this.dirtyable = dirtyable;
        parent.setLayout(new GridLayout(1, false));
        createToolbar(parent);
        createSaveRow(parent);
        createTable(parent);
        createAssignedList(parent);
        dropHint = new DropHint(parent, viewer.getTable(), "");
        document.addListener(documentListener);
        session.checksSave().addListener(saveListener);
        load();
        startStatusRefresh();
    }

    /** Waits for a save that runs, so that closing the console loses none of it. */
    @PreDestroy
    public void dispose() {
        statusRefresher.stop();
        document.removeListener(documentListener);
        session.checksSave().removeListener(saveListener);
        session.checksSave().awaitEnd();
    }

    /** Reads every node, template, check and latest status from the store in a Job, then shows them. */
    public Job load() {
        Display display = viewer.getControl().getDisplay();
        countLabel.setText("loading checks...");
        Job job = Job.create("Loading checks", monitor -> {
            try {
                Persistence persistence = session.persistence();
                BatchContent content = ChecksDocument.read(persistence);
                Map<String, CheckStatus> latest = byCheck(persistence.latestStatuses());
                display.asyncExec(() -> loaded(content, latest));
                return Status.OK_STATUS;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "checks could not be loaded: " + e.getMessage());
                display.asyncExec(() -> failed("checks could not be loaded: " + e.getMessage()));
                return Status.OK_STATUS;
            }
        });
        job.setSystem(true);
        job.schedule();
        return job;
    }

    /** Reads the store again unless there are unsaved changes: after something else stored checks. */
    public void reloadUnlessEdited() {
        if (!document.isDirty()) {
            load();
        }
    }

    /**
     * Writes the unsaved changes to the store in a Job, with its progress shown above the table: what File > Save
     * and Ctrl+S do. The part stays dirty until the store has them; a failure is shown and loses nothing. Returns
     * the Job, or null when there is nothing to save or a save runs already.
     */
    @Persist
    public Job save() {
        return session.checksSave().start(viewer.getControl().getDisplay()::asyncExec);
    }

    /** Drops the unsaved changes and reads the store again; not while a save runs. */
    @Override
    public void revert() {
        if (!document.isSaving()) {
            load();
        }
    }

    /** Shows only the checks matching TEXT; returns how many match. */
    public int filter(String text) {
        String wanted = text == null ? "" : text;
        if (filterText.getText().equals(wanted)) {
            refresh();
        } else {
            filterText.setText(wanted);
        }
        return shown.length;
    }

    /** Opens the dialog for a new check and adds what it returns. */
    public void addCheck() {
        CheckDialog dialog = new CheckDialog(viewer.getControl().getShell(), document, null);
        if (dialog.open() == Window.OK) {
            document.putCheck(null, dialog.result());
            select(dialog.result().name());
        }
    }

    /** Opens the dialog for the selected check and stores what it returns. */
    public void editCheck() {
        Check check = firstSelected();
        if (check == null) {
            return;
        }
        CheckDialog dialog = new CheckDialog(viewer.getControl().getShell(), document, check);
        if (dialog.open() == Window.OK) {
            document.putCheck(check.name(), dialog.result());
            select(dialog.result().name());
        }
    }

    /** Asks for a batch file (JSON or YAML) and adds its nodes, templates and checks as unsaved changes. */
    public void importBatchFile() {
        FileDialog dialog = new FileDialog(viewer.getControl().getShell(), SWT.OPEN);
        dialog.setText("Import Batch File");
        dialog.setFilterExtensions(new String[] { "*.json;*.yaml;*.yml", "*" });
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        try {
            document.merge(BatchFile.read(Path.of(chosen)));
        } catch (BatchRefusedException e) {
            StringBuilder reasons = new StringBuilder("Nothing was imported:");
            e.problems().stream().limit(20).forEach(problem -> reasons.append("\n").append(problem));
            MessageDialog.openError(viewer.getControl().getShell(), "Import Batch File", reasons.toString());
        } catch (IOException | IllegalArgumentException e) {
            MessageDialog.openError(viewer.getControl().getShell(), "Import Batch File",
                    "Nothing was imported: " + e.getMessage());
        }
    }

    /** Asks for a file and writes every node, template and check shown in the part to it, saved or not. */
    public void exportBatchFile() {
        FileDialog dialog = new FileDialog(viewer.getControl().getShell(), SWT.SAVE);
        dialog.setText("Export Batch File");
        dialog.setFilterExtensions(new String[] { "*.json", "*.yaml" });
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        try {
            BatchFile.write(Path.of(chosen), document.content());
        } catch (IOException e) {
            MessageDialog.openError(viewer.getControl().getShell(), "Export Batch File",
                    "cannot write " + chosen + ": " + e.getMessage());
        }
    }

    /** The checks the table shows now, in table order. */
    public List<Check> shownChecks() {
        return Arrays.asList(shown);
    }

    /** The line that says how many checks are shown, or that they are loading. */
    public String countText() {
        return countLabel.getText();
    }

    TableViewer viewer() {
        return viewer;
    }

    org.eclipse.swt.widgets.List assignedList() {
        return assignedList;
    }

    DropHint dropHint() {
        return dropHint;
    }

    /** The line beside the save's progress bar: what is being saved, or why the last save failed. */
    String saveText() {
        return saveLabel.getText();
    }

    private void createToolbar(Composite parent) {
        Composite top = new Composite(parent, SWT.NONE);
        top.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        top.setLayout(new GridLayout(2, false));
        filterText = new Text(top, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER);
        filterText.setMessage("Filter by name, node, command or status");
        filterText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filterText.addModifyListener(e -> {
            filter = filterText.getText();
            refresh();
        });
        countLabel = new Label(top, SWT.NONE);
        countLabel.setLayoutData(new GridData(150, SWT.DEFAULT));
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        RowLayout rows = new RowLayout(SWT.HORIZONTAL);
        rows.wrap = true;
        rows.marginTop = 0;
        bar.setLayout(rows);
        button(bar, "Add...", this::addCheck);
        button(bar, "Edit...", this::editCheck);
        button(bar, "Duplicate", this::duplicateSelected);
        button(bar, "Delete", this::deleteSelected);
        button(bar, "Enable", () -> document.setEnabled(selectedNames(), true));
        button(bar, "Disable", () -> document.setEnabled(selectedNames(), false));
        button(bar, "Revert", this::revert);
        button(bar, "Import...", this::importBatchFile);
        button(bar, "Export...", this::exportBatchFile);
    }

    /** A row that shows only while a save runs, or after one failed. */
    private void createSaveRow(Composite parent) {
        saveRow = new Composite(parent, SWT.NONE);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.exclude = true;
        saveRow.setLayoutData(data);
        saveRow.setVisible(false);
        saveRow.setLayout(new GridLayout(2, false));
        saveBar = new ProgressBar(saveRow, SWT.SMOOTH);
        saveBar.setLayoutData(new GridData(160, SWT.DEFAULT));
        saveLabel = new Label(saveRow, SWT.NONE);
        saveLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }

    private void showSaveRow(boolean shown) {
        if (saveRow.getVisible() != shown) {
            ((GridData) saveRow.getLayoutData()).exclude = !shown;
            saveRow.setVisible(shown);
            saveRow.getParent().layout(true, true);
        }
    }

    private static Button button(Composite bar, String text, Runnable action) {
        Button button = new Button(bar, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, e -> action.run());
        return button;
    }

    private void createTable(Composite parent) {
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | SWT.VIRTUAL);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.setUseHashlookup(true);
        addColumn("Check", 180, Check::name);
        addColumn("Node", 140, Check::node);
        addStatusColumn();
        addColumn("Command as run", 300, this::renderedCommand);
        addColumn("Interval (s)", 95, check -> Integer.toString(check.interval()));
        addColumn("Enabled", 75, check -> check.enabled() ? "yes" : "no");
        addColumn("Parents", 120, check -> String.join(", ", check.parents()));
        addColumn("Recipients", 160, check -> String.join(", ", check.recipients()));
        viewer.setContentProvider(new LazyChecks());
        viewer.setInput(shown);
        viewer.addSelectionChangedListener(e -> showAssigned());
        viewer.addDoubleClickListener(e -> editCheck());
        table.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.DEL) {
                deleteSelected();
            }
        });
        addDropSupport(table);
    }

    private void addStatusColumn() {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText("Status");
        column.getColumn().setWidth(80);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                CheckStatus status = statuses.get(((Check) element).name());
                return status == null ? "" : status.status().name();
            }

            @Override
            public Color getBackground(Object element) {
                CheckStatus status = statuses.get(((Check) element).name());
                return status == null ? null : StatusColors.of(viewer.getControl().getDisplay(), status.status());
            }
        });
    }

    private String renderedCommand(Check check) {
        try {
            return CommandRenderer.render(check, document.node(check.node()).orElse(null),
                    document.template(check.template()).orElse(null));
        } catch (IllegalArgumentException e) {
            return "cannot run: " + e.getMessage();
        }
    }

    /**
     * Recipients dragged from the Recipients part (their names, one a line) are assigned to the check below, or to
     * every selected check when it is one of them. Anything else, or a drop beside every check, is refused and the
     * line under the table says why.
     */
    private void addDropSupport(Table table) {
        DropTarget target = new DropTarget(table, DND.DROP_COPY | DND.DROP_LINK | DND.DROP_MOVE | DND.DROP_DEFAULT);
        target.setTransfer(new Transfer[] { TextTransfer.getInstance() });
        target.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent event) {
                dragOver(event);
            }

            @Override
            public void dragOver(DropTargetEvent event) {
                event.feedback = DND.FEEDBACK_SELECT | DND.FEEDBACK_SCROLL;
                event.detail = assignable(event).isPresent() ? DND.DROP_COPY : DND.DROP_NONE;
            }

            @Override
            public void dragLeave(DropTargetEvent event) {
                dropHint.clear();
            }

            @Override
            public void drop(DropTargetEvent event) {
                Optional<List<String>> targets = assignable(event);
                List<String> names = RecipientTransfer.names(event.data);
                if (targets.isEmpty() || names.isEmpty()) {
                    event.detail = DND.DROP_NONE;
                    return;
                }
                int changed = document.assign(targets.get(), names);
                select(((Check) event.item.getData()).name());
                dropHint.done("Assigned " + String.join(", ", names) + " to " + checks(targets.get().size())
                        + (changed < targets.get().size() ? " (" + (targets.get().size() - changed)
                                + " had them already)" : ""));
            }
        });
    }

    /** The checks a drop here assigns the dragged recipients to, saying so in the hint; empty when refused. */
    private Optional<List<String>> assignable(DropTargetEvent event) {
        Optional<RecipientTransfer.Drag> drag = RecipientTransfer.current(event.currentDataType);
        Check check = event.item instanceof TableItem item && item.getData() instanceof Check c ? c : null;
        if (drag.isEmpty()) {
            dropHint.refuses("Only recipients from the Recipients list can be dropped on checks");
        } else if (drag.get().isAssignment()) {
            dropHint.refuses("To remove " + drag.get().who() + " from " + drag.get().owner()
                    + ", drop onto the Recipients list");
        } else if (check == null) {
            dropHint.refuses("Drop onto a check to assign " + drag.get().who() + " to it");
        } else {
            List<String> targets = isSelected(check) ? selectedNames() : List.of(check.name());
            dropHint.accepts("Assign " + drag.get().who() + " to " + (targets.size() == 1
                    ? "check '" + check.name() + "'" : "the " + checks(targets.size()) + " selected"));
            return Optional.of(targets);
        }
        return Optional.empty();
    }

    private static String checks(int count) {
        return count == 1 ? "1 check" : count + " checks";
    }

    private void createAssignedList(Composite parent) {
        assignedList = AssignmentDrag.assignedList(parent, "Recipients assigned to the selected check",
                this::removeAssigned, () -> {
                    Check check = firstSelected();
                    return check == null ? null : new AssignmentDrag.Owner(List.of(check.name()),
                            "check '" + check.name() + "'");
                }, () -> List.of(assignedList.getSelection()));
    }

    /** Takes the recipients selected in the assigned list off the selected check. */
    void removeAssigned() {
        Check check = firstSelected();
        if (check != null && assignedList.getSelectionCount() > 0) {
            document.unassign(check.name(), List.of(assignedList.getSelection()));
        }
    }

    private void showAssigned() {
        Check check = firstSelected();
        assignedList.setItems(check == null ? new String[0] : check.recipients().toArray(String[]::new));
    }

    private void duplicateSelected() {
        Check check = firstSelected();
        if (check != null) {
            select(document.duplicate(check.name()).name());
        }
    }

    private void deleteSelected() {
        List<String> names = selectedNames();
        if (names.isEmpty()) {
            return;
        }
        String what = names.size() == 1 ? "check '" + names.get(0) + "'" : names.size() + " checks";
        if (MessageDialog.openConfirm(viewer.getControl().getShell(), "Delete Checks",
                "Delete " + what + "? The store keeps them until you save.")) {
            document.deleteChecks(names);
        }
    }

    /** Reads the latest statuses again as often as the Status part does, so the Status column and its filter follow. */
    private void startStatusRefresh() {
        Display display = viewer.getControl().getDisplay();
        statusRefresher = new Refresher("Refreshing the statuses of the checks", StatusPart.REFRESH_MILLIS, () -> {
            try {
                Map<String, CheckStatus> latest = byCheck(session.persistence().latestStatuses());
                if (!statusRefresher.stopped()) {
                    display.asyncExec(() -> statusesRead(latest));
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "statuses not read again: " + e.getMessage());
            }
        }).start(StatusPart.REFRESH_MILLIS);
    }

    private void statusesRead(Map<String, CheckStatus> latest) {
        if (viewer.getControl().isDisposed() || latest.equals(statuses)) {
            return;
        }
        statuses = latest;
        if (filter.isEmpty()) {
            viewer.refresh();
        } else {
            refresh();
        }
    }

    private void loaded(BatchContent content, Map<String, CheckStatus> latest) {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        statuses = latest;
        document.replace(content);
    }

    private void failed(String message) {
        if (!countLabel.isDisposed()) {
            countLabel.setText("not loaded");
            countLabel.setToolTipText(message);
            MessageDialog.openError(viewer.getControl().getShell(), "Checks", message);
        }
    }

    private void documentChanged() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        dirtyable.setDirty(document.isDirty());
        refresh();
        showAssigned();
    }

    private void refresh() {
        List<String> selected = selectedNames();
        Check[] next = new CheckFilter(filter).apply(document.checks(), statuses);
        boolean shrinks = next.length < shown.length;
        shown = next;
        Table table = viewer.getTable();
        table.setRedraw(false);
        try {
            if (shrinks) {
                // Emptying the table first is far quicker than shrinking it row by row from tens of thousands.
                table.removeAll();
            }
            viewer.setInput(shown);
            viewer.setItemCount(shown.length);
        } finally {
            table.setRedraw(true);
        }
        countLabel.setText(shown.length + " of " + document.checks().length + " checks");
        if (selected.size() == 1) {
            select(selected.get(0));
        }
    }

    private void select(String name) {
        for (int i = 0; i < shown.length; i++) {
            if (shown[i].name().equals(name)) {
                Table table = viewer.getTable();
                table.setSelection(i);
                viewer.replace(shown[i], i);
                table.showSelection();
                showAssigned();
                return;
            }
        }
    }

    private boolean isSelected(Check check) {
        return selectedNames().contains(check.name());
    }

    private Check firstSelected() {
        List<String> names = selectedNames();
        return names.isEmpty() ? null : document.check(names.get(0)).orElse(null);
    }

    private List<String> selectedNames() {
        Table table = viewer.getTable();
        int[] indices = table.getSelectionIndices();
        return Arrays.stream(indices).filter(i -> i < shown.length).mapToObj(i -> shown[i].name()).toList();
    }

    private static Map<String, CheckStatus> byCheck(List<CheckStatus> list) {
        Map<String, CheckStatus> map = new HashMap<>();
        list.forEach(status -> map.put(status.check(), status));
        return map;
    }

    private void addColumn(String title, int width, Function<Check, String> value) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String text = value.apply((Check) element);
                return text == null ? "" : text;
            }
        });
    }

    /** Shows a save's progress above the table, and a failure there and in a dialog that says nothing was lost. */
    private final class SaveProgress implements ChecksSave.Listener {

        @Override
        public void progress(int done, int total, String step) {
            if (saveRow.isDisposed()) {
                return;
            }
            showSaveRow(true);
            saveBar.setMaximum(Math.max(total, 1));
            saveBar.setSelection(done);
            saveLabel.setForeground(null);
            saveLabel.setText("Saving: " + step + " (" + done + " of " + total + " changes)");
            saveLabel.setToolTipText(null);
        }

        @Override
        public void ended(ChangeSet changes, String failure) {
            if (saveRow.isDisposed()) {
                return;
            }
            if (failure == null) {
                saveLabel.setText("Saved: " + changes.describe());
                showSaveRow(false);
                return;
            }
            saveBar.setSelection(0);
            saveLabel.setForeground(saveLabel.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            saveLabel.setText("Not saved: " + failure);
            saveLabel.setToolTipText(failure);
            showSaveRow(true);
            MessageDialog.openError(viewer.getControl().getShell(), "Save Checks", "The checks were not saved: "
                    + failure + "\n\nNothing is lost: every change is still here, unsaved. Save again when the"
                    + " store can be reached.");
        }
    }

    /** Hands the virtual table only the rows it paints. */
    private final class LazyChecks implements ILazyContentProvider {

        @Override
        public void updateElement(int index) {
            if (index < shown.length) {
                viewer.replace(shown[index], index);
            }
        }

        @Override
        public void inputChanged(Viewer changed, Object oldInput, Object newInput) {
            // the shown array is read at paint time
        }
    }
}
