package org.flapjack.console.parts;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.flapjack.core.model.Check;

import jakarta.annotation.PostConstruct;

/** Lists the checks Flapjack runs: what each runs, on which node, and how often. */
public class ChecksPart {

    private TableViewer viewer;

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new FillLayout());
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | SWT.VIRTUAL);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        addColumn("Check", 200, Check::name);
        addColumn("Node", 160, Check::node);
        addColumn("Command", 320, Check::command);
        addColumn("Interval (s)", 90, check -> Integer.toString(check.interval()));
        addColumn("Enabled", 70, check -> check.enabled() ? "yes" : "no");
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(List.of());
    }

    /** Shows CHECKS in place of what the part showed before. */
    public void show(List<Check> checks) {
        viewer.setInput(List.copyOf(checks));
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
}
