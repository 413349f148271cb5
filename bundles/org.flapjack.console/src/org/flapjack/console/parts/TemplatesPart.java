package org.flapjack.console.parts;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
import org.eclipse.jface.window.Window;
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
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.flapjack.console.model.ChecksDocument;
import org.flapjack.console.model.ConsoleSession;
import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckTemplate;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * Edits the check templates. Recipients dropped on a template are assigned to every check made from it. Shares the
 * checks document with the Checks part, so saving either saves both.
 */
public class TemplatesPart implements Revertible {

    private ConsoleSession session;
    private ChecksDocument document;
    private MDirtyable dirtyable;
    private TableViewer viewer;
    private Map<String, Long> checkCounts = Map.of();
    private final Runnable documentListener = this::documentChanged;

    @PostConstruct
    public void createControls(Composite parent, ConsoleSession session, MDirtyable dirtyable) {
        this.session = session;
        this.document = session.document();
        this.dirtyable = dirtyable;
        parent.setLayout(new GridLayout(1, false));
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayout(new GridLayout(3, false));
        button(bar, "Add...", this::addTemplate);
        button(bar, "Edit...", this::editTemplate);
        button(bar, "Delete", this::deleteSelected);
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        addColumn("Template", 160, CheckTemplate::name);
        addColumn("Command", 240, CheckTemplate::command);
        addColumn("Interval (s)", 80, template -> Integer.toString(template.interval()));
        addColumn("Checks", 60, template -> Long.toString(checkCounts.getOrDefault(template.name(), 0L)));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addDoubleClickListener(e -> editTemplate());
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

    /** Opens the dialog for a new template and adds what it returns. */
    public void addTemplate() {
        TemplateDialog dialog = new TemplateDialog(viewer.getControl().getShell(), null, names());
        if (dialog.open() == Window.OK) {
            document.putTemplate(null, dialog.result());
        }
    }

    /** Opens the dialog for the selected template and stores what it returns. */
    public void editTemplate() {
        CheckTemplate template = (CheckTemplate) viewer.getStructuredSelection().getFirstElement();
        if (template == null) {
            return;
        }
        TemplateDialog dialog = new TemplateDialog(viewer.getControl().getShell(), template, names());
        if (dialog.open() == Window.OK) {
            document.putTemplate(template.name(), dialog.result());
        }
    }

    TableViewer viewer() {
        return viewer;
    }

    private void deleteSelected() {
        List<CheckTemplate> templates = viewer.getStructuredSelection().toList().stream()
                .map(CheckTemplate.class::cast).toList();
        if (templates.isEmpty() || !MessageDialog.openConfirm(viewer.getControl().getShell(), "Delete Templates",
                "Delete " + templates.stream().map(CheckTemplate::name).collect(Collectors.joining(", ")) + "?")) {
            return;
        }
        try {
            templates.forEach(template -> document.deleteTemplate(template.name()));
        } catch (IllegalArgumentException e) {
            MessageDialog.openError(viewer.getControl().getShell(), "Delete Templates", e.getMessage());
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
                boolean onTemplate = event.item instanceof TableItem item && item.getData() instanceof CheckTemplate;
                event.detail = onTemplate && RecipientTransfer.isRecipientDrag(event.currentDataType) ? DND.DROP_COPY
                        : DND.DROP_NONE;
            }

            @Override
            public void drop(DropTargetEvent event) {
                List<String> names = RecipientTransfer.names(event.data);
                if (!(event.item instanceof TableItem item) || !(item.getData() instanceof CheckTemplate template)
                        || names.isEmpty()) {
                    event.detail = DND.DROP_NONE;
                    return;
                }
                document.assignToTemplate(template.name(), names);
            }
        });
    }

    private void documentChanged() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        checkCounts = java.util.Arrays.stream(document.checks()).filter(check -> check.template() != null)
                .collect(Collectors.groupingBy(Check::template, Collectors.counting()));
        viewer.setInput(document.templates());
        dirtyable.setDirty(document.isDirty());
    }

    private Set<String> names() {
        Set<String> names = new HashSet<>();
        document.templates().forEach(template -> names.add(template.name()));
        return names;
    }

    private static void button(Composite bar, String text, Runnable action) {
        Button button = new Button(bar, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, e -> action.run());
    }

    private void addColumn(String title, int width, Function<CheckTemplate, String> value) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String text = value.apply((CheckTemplate) element);
                return text == null ? "" : text;
            }
        });
    }
}
