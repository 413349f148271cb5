package org.flapjack.console.parts;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.model.application.ui.MDirtyable;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.flapjack.console.model.ChangeSet;
import org.flapjack.console.model.ChecksDocument;
import org.flapjack.console.model.ChecksSave;
import org.flapjack.console.model.ConsoleSession;
import org.flapjack.core.model.Check;
import org.flapjack.populator.BatchContent;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * A part that edits one kind of thing checks are grouped by (their node, their template): a table with add, edit
 * and delete, a count of the checks in each group, and recipients dropped on a group assigned to all its checks.
 * Below the table, the recipients of the selected group's checks; dragged onto the Recipients list, deleted or
 * removed from the context menu, they are taken off all of them. It shares the checks document with the Checks part,
 * so saving either saves both.
 *
 * @param <T> the group's type
 */
abstract class CheckGroupsPart<T> implements Revertible {

    private final Class<T> type;
    private final String kind;
    private final String noun;
    private ConsoleSession session;
    private ChecksDocument document;
    private MDirtyable dirtyable;
    private TableViewer viewer;
    private org.eclipse.swt.widgets.List assignedList;
    private List<String> assignedNames = List.of();
    private DropHint dropHint;
    private Map<String, Long> checkCounts = Map.of();
    private Map<String, Map<String, Integer>> recipientCounts = Map.of();
    private final Runnable documentListener = this::documentChanged;
    private final ChecksSave.Listener saveListener = new SaveLine();

    CheckGroupsPart(Class<T> type, String kind) {
        this.type = type;
        this.kind = kind;
        this.noun = kind.toLowerCase(Locale.ROOT);
    }

    @PostConstruct
    public void createControls(Composite parent, ConsoleSession session, MDirtyable dirtyable) {
        this.session = session;
        this.document = session.document();
        this.dirtyable = dirtyable;
        parent.setLayout(new GridLayout(1, false));
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayout(new GridLayout(3, false));
        button(bar, "Add...", this::add);
        button(bar, "Edit...", this::edit);
        button(bar, "Delete", this::deleteSelected);
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        addColumns();
        addColumn("Checks", 60, group -> Long.toString(checkCounts.getOrDefault(name(group), 0L)));
        addColumn("Recipients", 200, group -> String.join(", ", assignedLabels(name(group))));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addDoubleClickListener(e -> edit());
        viewer.addSelectionChangedListener(e -> showAssigned());
        addDropSupport(table);
        createAssignedList(parent);
        dropHint = new DropHint(parent, table, "");
        document.addListener(documentListener);
        session.checksSave().addListener(saveListener);
        documentChanged();
    }

    /** Waits for a save that runs, so that closing the console loses none of it. */
    @PreDestroy
    public void dispose() {
        document.removeListener(documentListener);
        session.checksSave().removeListener(saveListener);
        session.checksSave().awaitEnd();
    }

    /** Saves the checks document in a Job, as the Checks part does; see {@link ChecksSave}. */
    @Persist
    public Job save() {
        return session.checksSave().start(viewer.getControl().getDisplay()::asyncExec);
    }

    /** Reads the store again in a Job, then drops the unsaved changes; not while a save runs. */
    @Override
    public void revert() {
        if (document.isSaving()) {
            return;
        }
        Display display = viewer.getControl().getDisplay();
        Job job = Job.create("Reading checks", (IProgressMonitor monitor) -> {
            try {
                BatchContent content = ChecksDocument.read(session.persistence());
                display.asyncExec(() -> document.replace(content));
            } catch (RuntimeException e) {
                display.asyncExec(() -> dropHint.refuses("Not reverted: " + e.getMessage()));
            }
        });
        job.setSystem(true);
        job.schedule();
    }

    /** Opens the dialog for a new group and adds what it returns. */
    public void add() {
        dialog(viewer.getControl().getShell(), null, names()).ifPresent(group -> put(document, null, group));
    }

    /** Opens the dialog for the selected group and stores what it returns. */
    public void edit() {
        Object selected = viewer.getStructuredSelection().getFirstElement();
        if (!type.isInstance(selected)) {
            return;
        }
        T group = type.cast(selected);
        dialog(viewer.getControl().getShell(), group, names()).ifPresent(edited -> put(document, name(group), edited));
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

    /** Adds this part's own columns, left of the count of checks. */
    abstract void addColumns();

    abstract String name(T group);

    /** The name of the group CHECK belongs to, or null. */
    abstract String groupOf(Check check);

    abstract List<T> groups(ChecksDocument checks);

    /** Asks for a new group (ORIGINAL null) or changes to one; empty when the dialog was cancelled. */
    abstract Optional<T> dialog(Shell shell, T original, Set<String> taken);

    /** Stores GROUP in place of the one named OLD_NAME, or as a new one when OLD_NAME is null. */
    abstract void put(ChecksDocument checks, String oldName, T group);

    abstract void delete(ChecksDocument checks, String name);

    /** The names of the checks in the group called NAME. */
    abstract List<String> checksOf(ChecksDocument checks, String name);

    void addColumn(String title, int width, Function<T, String> value) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String text = value.apply(type.cast(element));
                return text == null ? "" : text;
            }
        });
    }

    private void deleteSelected() {
        List<T> groups = viewer.getStructuredSelection().toList().stream().filter(type::isInstance).map(type::cast)
                .toList();
        String title = "Delete " + kind + "s";
        if (groups.isEmpty() || !MessageDialog.openConfirm(viewer.getControl().getShell(), title,
                "Delete " + groups.stream().map(this::name).collect(Collectors.joining(", ")) + "?")) {
            return;
        }
        try {
            groups.forEach(group -> delete(document, name(group)));
        } catch (IllegalArgumentException e) {
            MessageDialog.openError(viewer.getControl().getShell(), title, e.getMessage());
        }
    }

    /** Recipients dropped on a group are assigned to all its checks; other drops are refused with a reason. */
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
                event.detail = groupToAssign(event) == null ? DND.DROP_NONE : DND.DROP_COPY;
            }

            @Override
            public void dragLeave(DropTargetEvent event) {
                dropHint.clear();
            }

            @Override
            public void drop(DropTargetEvent event) {
                String group = groupToAssign(event);
                List<String> names = RecipientTransfer.names(event.data);
                if (group == null || names.isEmpty()) {
                    event.detail = DND.DROP_NONE;
                    return;
                }
                int changed = document.assign(checksOf(document, group), names);
                dropHint.done("Assigned " + String.join(", ", names) + " to the checks of " + noun
                        + " '" + group + "' (" + changed + " changed)");
            }
        });
    }

    /** The group a drop here assigns the dragged recipients to, saying so in the hint; null when refused. */
    private String groupToAssign(DropTargetEvent event) {
        Optional<RecipientTransfer.Drag> drag = RecipientTransfer.current(event.currentDataType);
        Object under = event.item instanceof TableItem item ? item.getData() : null;
        if (drag.isEmpty()) {
            dropHint.refuses("Only recipients from the Recipients list can be dropped on " + noun + "s");
        } else if (drag.get().isAssignment()) {
            dropHint.refuses("To remove " + drag.get().who() + " from " + drag.get().owner()
                    + ", drop onto the Recipients list");
        } else if (!type.isInstance(under)) {
            dropHint.refuses("Drop onto a " + noun + " to assign " + drag.get().who() + " to its checks");
        } else if (checkCounts.getOrDefault(name(type.cast(under)), 0L) == 0) {
            dropHint.refuses(kind + " '" + name(type.cast(under)) + "' has no checks to assign "
                    + drag.get().who() + " to");
        } else {
            String group = name(type.cast(under));
            long count = checkCounts.get(group);
            dropHint.accepts("Assign " + drag.get().who() + " to " + (count == 1 ? "the check" : "the " + count
                    + " checks") + " of " + noun + " '" + group + "'");
            return group;
        }
        return null;
    }

    private void createAssignedList(Composite parent) {
        assignedList = AssignmentDrag.assignedList(parent, "Recipients of the selected " + noun + "'s checks",
                this::removeAssigned, () -> {
                    String group = selectedGroup();
                    return group == null ? null : new AssignmentDrag.Owner(checksOf(document, group),
                            noun + " '" + group + "'");
                }, this::selectedAssigned);
    }

    /** Takes the recipients selected in the assigned list off every check of the selected group. */
    void removeAssigned() {
        String group = selectedGroup();
        List<String> recipients = selectedAssigned();
        if (group != null && !recipients.isEmpty()) {
            document.unassign(checksOf(document, group), recipients);
        }
    }

    private List<String> selectedAssigned() {
        return Arrays.stream(assignedList.getSelectionIndices()).filter(i -> i < assignedNames.size())
                .mapToObj(assignedNames::get).toList();
    }

    private String selectedGroup() {
        Object selected = viewer.getStructuredSelection().getFirstElement();
        return type.isInstance(selected) ? name(type.cast(selected)) : null;
    }

    private void showAssigned() {
        String group = selectedGroup();
        Map<String, Integer> counts = group == null ? Map.of() : recipientCounts.getOrDefault(group, Map.of());
        assignedNames = List.copyOf(counts.keySet());
        assignedList.setItems(assignedLabels(group).toArray(String[]::new));
    }

    /** Each recipient of the group's checks, with how many of them have it when not all do. */
    private List<String> assignedLabels(String group) {
        Map<String, Integer> counts = group == null ? Map.of() : recipientCounts.getOrDefault(group, Map.of());
        long checks = checkCounts.getOrDefault(group, 0L);
        return counts.entrySet().stream().map(entry -> entry.getValue() == checks ? entry.getKey()
                : entry.getKey() + " (" + entry.getValue() + " of " + checks + " checks)").toList();
    }

    private void documentChanged() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        Map<String, Long> counts = new HashMap<>();
        Map<String, Map<String, Integer>> recipients = new HashMap<>();
        for (Check check : document.checks()) {
            String group = groupOf(check);
            if (group != null) {
                counts.merge(group, 1L, Long::sum);
                Map<String, Integer> assigned = recipients.computeIfAbsent(group, g -> new TreeMap<>());
                check.recipients().forEach(recipient -> assigned.merge(recipient, 1, Integer::sum));
            }
        }
        checkCounts = counts;
        recipientCounts = recipients;
        viewer.setInput(groups(document));
        showAssigned();
        dirtyable.setDirty(document.isDirty());
    }

    /** Says in the hint line how a save goes; the Checks part shows its progress bar and any failure's dialog. */
    private final class SaveLine implements ChecksSave.Listener {

        @Override
        public void progress(int done, int total, String step) {
            dropHint.done("Saving: " + step + " (" + done + " of " + total + " changes)");
        }

        @Override
        public void ended(ChangeSet changes, String failure) {
            if (failure == null) {
                dropHint.done("Saved: " + changes.describe());
            } else {
                dropHint.refuses("Not saved (every change is still here): " + failure);
            }
        }
    }

    private Set<String> names() {
        Set<String> names = new HashSet<>();
        groups(document).forEach(group -> names.add(name(group)));
        return names;
    }

    private static void button(Composite bar, String text, Runnable action) {
        Button button = new Button(bar, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, e -> action.run());
    }
}
