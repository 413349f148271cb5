package org.flapjack.console.parts;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

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
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.flapjack.console.model.ChecksDocument;
import org.flapjack.console.model.ConsoleSession;
import org.flapjack.core.model.Check;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * A part that edits one kind of thing checks are grouped by (their node, their template): a table with add, edit
 * and delete, a count of the checks in each group, and recipients dropped on a group assigned to all its checks.
 * It shares the checks document with the Checks part, so saving either saves both.
 *
 * @param <T> the group's type
 */
abstract class CheckGroupsPart<T> implements Revertible {

    private final Class<T> type;
    private final String kind;
    private ConsoleSession session;
    private ChecksDocument document;
    private MDirtyable dirtyable;
    private TableViewer viewer;
    private Map<String, Long> checkCounts = Map.of();
    private final Runnable documentListener = this::documentChanged;

    CheckGroupsPart(Class<T> type, String kind) {
        this.type = type;
        this.kind = kind;
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
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addDoubleClickListener(e -> edit());
        addDropSupport(table);
        document.addListener(documentListener);
        documentChanged();
    }

    @PreDestroy
    public void dispose() {
        document.removeListener(documentListener);
    }

    @Persist
    public void save() {
        document.save(session.persistence());
    }

    @Override
    public void revert() {
        document.replace(ChecksDocument.read(session.persistence()));
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

    abstract void assign(ChecksDocument checks, String name, List<String> recipients);

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
                boolean onGroup = event.item instanceof TableItem item && type.isInstance(item.getData());
                event.detail = onGroup && RecipientTransfer.isRecipientDrag(event.currentDataType) ? DND.DROP_COPY
                        : DND.DROP_NONE;
            }

            @Override
            public void drop(DropTargetEvent event) {
                List<String> names = RecipientTransfer.names(event.data);
                if (!(event.item instanceof TableItem item) || !type.isInstance(item.getData()) || names.isEmpty()) {
                    event.detail = DND.DROP_NONE;
                    return;
                }
                assign(document, name(type.cast(item.getData())), names);
            }
        });
    }

    private void documentChanged() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        checkCounts = Arrays.stream(document.checks()).filter(check -> groupOf(check) != null)
                .collect(Collectors.groupingBy(this::groupOf, Collectors.counting()));
        viewer.setInput(groups(document));
        dirtyable.setDirty(document.isDirty());
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
