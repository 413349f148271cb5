package org.flapjack.console.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.model.application.ui.MDirtyable;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.DragSourceAdapter;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.flapjack.console.model.ChecksDocument;
import org.flapjack.console.model.ConsoleSession;
import org.flapjack.core.config.ConfigException;
import org.flapjack.core.config.RecipientsFile;
import org.flapjack.core.model.Recipient;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * Edits the people of a recipients file: who gets told, and how to reach them. Saving rewrites the file in place,
 * keeping its comments, order and keys the console does not know. Recipients are dragged from here onto checks,
 * nodes or templates, and up or down the list to change their order in the file; assignments dragged back here from
 * a check, node or template are removed. The Checks column counts the checks each one is assigned to.
 */
public class RecipientsPart implements Revertible {

    /** The file shown at start when none is chosen from the File menu or the preferences. */
    public static final String RECIPIENTS_PROPERTY = "flapjack.recipients";

    private Label source;
    private TableViewer viewer;
    private DropHint dropHint;
    private RecipientsFile file;
    private MDirtyable dirtyable;
    private ChecksDocument document;
    private Map<String, Integer> counts = Map.of();
    private final Runnable documentListener = this::countAssignments;

    @PostConstruct
    public void createControls(Composite parent, ConsoleSession session, MDirtyable dirtyable) {
        this.dirtyable = dirtyable;
        this.document = session.document();
        parent.setLayout(new GridLayout(1, false));
        source = new Label(parent, SWT.NONE);
        source.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        source.setText("No recipients file open (File > Open Recipients File...)");
        createButtons(parent);

        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        addColumn("Name", 130, Recipient::name);
        addColumn("Checks", 55, recipient -> Integer.toString(counts.getOrDefault(recipient.name(), 0)));
        addColumn("Email", 170, Recipient::email);
        addColumn("Phone", 110, Recipient::phone);
        addColumn("Pager", 80, Recipient::pager);
        addColumn("Jabber ID", 170, Recipient::jid);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(List.of());
        viewer.addDoubleClickListener(e -> editRecipient());
        table.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.DEL) {
                deleteSelected();
            }
        });
        addDragSupport(table);
        addDropSupport(table);
        dropHint = new DropHint(parent, table, "Drag onto checks, nodes or templates to assign; up or down to"
                + " reorder.");
        document.addListener(documentListener);
        countAssignments();
        openStartupFile(session.settings().recipientsFile());
    }

    @PreDestroy
    public void dispose() {
        document.removeListener(documentListener);
    }

    /** Reads FILE and shows its recipients; a bad file is reported in the part and nothing else changes. */
    public void open(Path path) {
        try {
            RecipientsFile read = RecipientsFile.read(path);
            file = read;
            show();
            dirtyable.setDirty(false);
        } catch (ConfigException e) {
            source.setText(e.getMessage());
        } catch (IOException e) {
            source.setText("cannot read " + path + ": " + e.getMessage());
        }
        source.getParent().layout();
    }

    /** Opens PATH when no recipients file is open yet and PATH exists: after something else created it. */
    public void openIfNone(Path path) {
        if (file == null && Files.isRegularFile(path)) {
            open(path);
        }
    }

    /** Writes the file back in place, keeping its comments and unknown keys. */
    @Persist
    public void save() throws IOException {
        if (file != null) {
            file.write();
            dirtyable.setDirty(false);
        }
    }

    @Override
    public void revert() {
        if (file != null) {
            open(file.file());
        }
    }

    /** Adds RECIPIENT, or changes the one called PREVIOUS (renaming removes the old section). */
    public void put(String previous, Recipient recipient) {
        requireFile();
        if (previous != null && !previous.equals(recipient.name())) {
            file.remove(previous);
        }
        file.put(recipient);
        dirtyable.setDirty(true);
        show();
    }

    /** Puts the recipients in the order of NAMES, which must name each of them once. */
    public void reorder(List<String> names) {
        requireFile();
        file.reorder(names);
        dirtyable.setDirty(true);
        show();
    }

    /** Removes the named recipients from the file. */
    public void remove(List<String> names) {
        requireFile();
        names.forEach(file::remove);
        dirtyable.setDirty(true);
        show();
    }

    /** Opens the dialog for a new recipient and adds what it returns. */
    public void addRecipient() {
        if (file == null) {
            MessageDialog.openInformation(viewer.getControl().getShell(), "Recipients",
                    "Open a recipients file first (File > Open Recipients File...).");
            return;
        }
        RecipientDialog dialog = new RecipientDialog(viewer.getControl().getShell(), null, names());
        if (dialog.open() == Window.OK) {
            put(null, dialog.result());
        }
    }

    /** Opens the dialog for the selected recipient and stores what it returns. */
    public void editRecipient() {
        List<Recipient> selected = selected();
        if (selected.isEmpty()) {
            return;
        }
        Recipient recipient = selected.get(0);
        RecipientDialog dialog = new RecipientDialog(viewer.getControl().getShell(), recipient, names());
        if (dialog.open() == Window.OK) {
            put(recipient.name(), dialog.result());
        }
    }

    /** The recipients shown now, in file order. */
    public List<Recipient> recipients() {
        return file == null ? List.of() : file.recipients();
    }

    /** The line above the table: the file shown, or why it could not be read. */
    public String statusText() {
        return source.getText();
    }

    TableViewer viewer() {
        return viewer;
    }

    DropHint dropHint() {
        return dropHint;
    }

    private void createButtons(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayout(new GridLayout(4, false));
        button(bar, "Add...", this::addRecipient);
        button(bar, "Edit...", this::editRecipient);
        button(bar, "Delete", this::deleteSelected);
        button(bar, "Revert", this::revert);
    }

    private static void button(Composite bar, String text, Runnable action) {
        Button button = new Button(bar, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, e -> action.run());
    }

    private void deleteSelected() {
        List<String> names = selected().stream().map(Recipient::name).toList();
        if (names.isEmpty()) {
            return;
        }
        if (MessageDialog.openConfirm(viewer.getControl().getShell(), "Delete Recipients",
                "Delete " + String.join(", ", names) + " from the recipients file? The file changes when you save.")) {
            remove(names);
        }
    }

    /** Drags the selected recipients as their names: onto checks, nodes or templates to assign, or within the list. */
    private void addDragSupport(Table table) {
        DragSource drag = new DragSource(table, DND.DROP_COPY | DND.DROP_LINK | DND.DROP_MOVE);
        drag.setTransfer(new Transfer[] { TextTransfer.getInstance() });
        drag.addDragListener(new DragSourceAdapter() {
            @Override
            public void dragStart(DragSourceEvent event) {
                List<String> names = selectedNames();
                event.doit = !names.isEmpty();
                if (event.doit) {
                    RecipientTransfer.started(RecipientTransfer.Drag.ofRecipients(names));
                }
            }

            @Override
            public void dragSetData(DragSourceEvent event) {
                event.data = RecipientTransfer.text(selectedNames());
            }

            @Override
            public void dragFinished(DragSourceEvent event) {
                RecipientTransfer.finished();
            }
        });
    }

    /**
     * Recipients dragged within the list move to where they are dropped; assignments dragged here from a check, node
     * or template are removed. Anything else is refused, and the line under the table says why.
     */
    private void addDropSupport(Table table) {
        DropTarget target = new DropTarget(table, DND.DROP_MOVE | DND.DROP_DEFAULT);
        target.setTransfer(new Transfer[] { TextTransfer.getInstance() });
        target.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent event) {
                dragOver(event);
            }

            @Override
            public void dragOver(DropTargetEvent event) {
                event.detail = dropAction(event) == null ? DND.DROP_NONE : DND.DROP_MOVE;
            }

            @Override
            public void dragLeave(DropTargetEvent event) {
                dropHint.clear();
            }

            @Override
            public void drop(DropTargetEvent event) {
                Consumer<List<String>> action = dropAction(event);
                List<String> names = RecipientTransfer.names(event.data);
                if (action == null || names.isEmpty()) {
                    event.detail = DND.DROP_NONE;
                    return;
                }
                action.accept(names);
            }
        });
    }

    /** What a drop here would do with the dropped names, saying so in the hint; null when it is refused. */
    private Consumer<List<String>> dropAction(DropTargetEvent event) {
        event.feedback = DND.FEEDBACK_SCROLL;
        Optional<RecipientTransfer.Drag> drag = RecipientTransfer.current(event.currentDataType);
        if (drag.isEmpty()) {
            dropHint.refuses("Only recipients, or recipients assigned to checks, can be dropped here");
            return null;
        }
        return drag.get().isAssignment() ? unassignment(drag.get()) : move(event, drag.get());
    }

    private Consumer<List<String>> unassignment(RecipientTransfer.Drag drag) {
        dropHint.accepts("Remove " + drag.who() + " from " + drag.owner());
        return names -> {
            document.unassign(drag.checks(), names);
            dropHint.done("Removed " + String.join(", ", names) + " from " + drag.owner());
        };
    }

    /**
     * Moves the dragged recipients above or below the one under the pointer: to the top above the first row, to the
     * end below the last.
     */
    private Consumer<List<String>> move(DropTargetEvent event, RecipientTransfer.Drag drag) {
        Table table = viewer.getTable();
        int y = table.toControl(event.x, event.y).y;
        TableItem item = event.item instanceof TableItem under ? under : null;
        if (item == null && table.getItemCount() > 0 && y < table.getItem(0).getBounds().y) {
            item = table.getItem(0);
        }
        String target = item == null ? null : ((Recipient) item.getData()).name();
        boolean after = item == null || y >= item.getBounds().y + item.getBounds().height / 2;
        if (item != null) {
            event.feedback |= after ? DND.FEEDBACK_INSERT_AFTER : DND.FEEDBACK_INSERT_BEFORE;
        }
        List<String> order = recipients().stream().map(Recipient::name).toList();
        List<String> moved = moved(order, drag.recipients(), target, after);
        if (target != null && drag.recipients().contains(target)) {
            dropHint.refuses("Drop above or below another recipient to move " + drag.who());
            return null;
        }
        if (moved.equals(order)) {
            dropHint.refuses(drag.who() + (drag.recipients().size() == 1 ? " is" : " are") + " there already");
            return null;
        }
        String where = target == null ? " to the end" : (after ? " below " : " above ") + target;
        dropHint.accepts("Move " + drag.who() + where);
        return names -> {
            reorder(moved);
            viewer.setSelection(new StructuredSelection(recipients().stream()
                    .filter(recipient -> names.contains(recipient.name())).toList()));
            dropHint.done("Moved " + drag.who() + where + "; saving keeps the new order in the file");
        };
    }

    /** ORDER with MOVED taken out and put back, in their order, before or AFTER TARGET (null: at the end). */
    static List<String> moved(List<String> order, List<String> moved, String target, boolean after) {
        List<String> rest = new ArrayList<>(order);
        rest.removeAll(moved);
        int at = target == null || !rest.contains(target) ? rest.size() : rest.indexOf(target) + (after ? 1 : 0);
        rest.addAll(at, order.stream().filter(moved::contains).toList());
        return rest;
    }

    private List<String> selectedNames() {
        return selected().stream().map(Recipient::name).toList();
    }

    private List<Recipient> selected() {
        IStructuredSelection selection = viewer.getStructuredSelection();
        return selection.toList().stream().map(Recipient.class::cast).toList();
    }

    private Set<String> names() {
        Set<String> names = new HashSet<>();
        recipients().forEach(recipient -> names.add(recipient.name()));
        return names;
    }

    private void show() {
        List<Recipient> recipients = file.recipients();
        viewer.setInput(recipients);
        source.setText(file.file() + " (" + recipients.size() + " recipients)");
    }

    private void countAssignments() {
        counts = document.assignmentCounts();
        if (!viewer.getControl().isDisposed()) {
            viewer.refresh();
        }
    }

    private void requireFile() {
        if (file == null) {
            throw new IllegalStateException("no recipients file is open");
        }
    }

    private void openStartupFile(Path configured) {
        String property = System.getProperty(RECIPIENTS_PROPERTY);
        Path path = property != null ? Path.of(property) : configured;
        if (path != null && Files.isRegularFile(path)) {
            open(path);
        }
    }

    private void addColumn(String title, int width, Function<Recipient, String> value) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String text = value.apply((Recipient) element);
                return text == null ? "" : text;
            }
        });
    }
}
