package org.flapjack.console.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.flapjack.core.config.ConfigException;
import org.flapjack.core.config.RecipientsFile;
import org.flapjack.core.model.Recipient;

import jakarta.annotation.PostConstruct;

/** Shows the people of a recipients file: who gets told, and how to reach them. */
public class RecipientsPart {

    /** The file shown at start when none is chosen from the File menu. */
    public static final String RECIPIENTS_PROPERTY = "flapjack.recipients";

    private Label source;
    private TableViewer viewer;

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        source = new Label(parent, SWT.NONE);
        source.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        source.setText("No recipients file open (File > Open Recipients File...)");

        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | SWT.VIRTUAL);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        addColumn("Name", 140, Recipient::name);
        addColumn("Email", 200, Recipient::email);
        addColumn("Phone", 120, Recipient::phone);
        addColumn("Pager", 100, Recipient::pager);
        addColumn("Jabber ID", 200, Recipient::jid);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(List.of());

        openStartupFile();
    }

    /** Reads FILE and shows its recipients; a bad file is reported in the part and nothing else changes. */
    public void open(Path file) {
        try {
            List<Recipient> recipients = RecipientsFile.read(file).recipients();
            viewer.setInput(recipients);
            source.setText(file + " (" + recipients.size() + " recipients)");
        } catch (ConfigException e) {
            source.setText(e.getMessage());
        } catch (IOException e) {
            source.setText("cannot read " + file + ": " + e.getMessage());
        }
        source.getParent().layout();
    }

    /** The recipients shown now, in file order. */
    @SuppressWarnings("unchecked")
    public List<Recipient> recipients() {
        return List.copyOf((List<Recipient>) viewer.getInput());
    }

    /** The line above the table: the file shown, or why it could not be read. */
    public String statusText() {
        return source.getText();
    }

    TableViewer viewer() {
        return viewer;
    }

    private void openStartupFile() {
        String configured = System.getProperty(RECIPIENTS_PROPERTY);
        Path file = configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".flapjack", "recipients.conf");
        if (Files.isRegularFile(file)) {
            open(file);
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
