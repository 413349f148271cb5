package org.flapjack.console.parts;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.flapjack.console.model.ChecksDocument;
import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.CommandRenderer;
import org.flapjack.core.model.Node;

/**
 * Edits one check: name, node, template, command, params, interval, timeout, enabled flag and parents. Shows the
 * command as it will run, and refuses a duplicate name, an unknown parent and parents that would form a cycle.
 */
final class CheckDialog extends FieldsDialog {

    /** The key under which each input widget keeps its field name, for tests and accessibility tools. */
    static final String FIELD = "flapjack.field";

    private static final int MAX_SECONDS = 7 * 24 * 3600;

    private final ChecksDocument document;
    private final Check original;

    private Text name;
    private Combo node;
    private Combo template;
    private Text command;
    private Text params;
    private Spinner interval;
    private Spinner timeout;
    private Button enabled;
    private Text parents;
    private Text preview;
    private Check result;

    /** A dialog for ORIGINAL, or for a new check when it is null. */
    CheckDialog(Shell parent, ChecksDocument document, Check original) {
        super(parent);
        this.document = document;
        this.original = original;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    /** The check as entered, once OK was pressed. */
    Check result() {
        return result;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(original == null ? "New Check" : "Edit Check");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(original == null ? "New check" : "Check " + original.name());
        setMessage("A command run every interval; $FQDN and other $NAMES are filled in from the node and params.");
        Composite form = new Composite(area, SWT.NONE);
        form.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        form.setLayout(new GridLayout(2, false));
        name = text(form, "Name:", "name", SWT.BORDER);
        node = combo(form, "Node:", "node", document.nodes().stream().map(Node::name).toList());
        template = combo(form, "Template:", "template",
                document.templates().stream().map(CheckTemplate::name).toList());
        command = text(form, "Command:", "command", SWT.BORDER);
        params = text(form, "Params (KEY=VALUE a line):", "params", SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        ((GridData) params.getLayoutData()).heightHint = 50;
        interval = spinner(form, "Interval (s):", "interval");
        timeout = spinner(form, "Timeout (s):", "timeout");
        new Label(form, SWT.NONE);
        enabled = new Button(form, SWT.CHECK);
        enabled.setText("Enabled");
        enabled.setData(FIELD, "enabled");
        parents = text(form, "Parents (comma separated):", "parents", SWT.BORDER);
        new Label(form, SWT.NONE);
        Button choose = new Button(form, SWT.PUSH);
        choose.setText("Choose Parents...");
        choose.addListener(SWT.Selection, e -> chooseParents());
        preview = text(form, "Command as run:", "preview", SWT.BORDER | SWT.READ_ONLY | SWT.WRAP | SWT.MULTI);
        ((GridData) preview.getLayoutData()).heightHint = 40;
        fill(original);
        for (Control control : List.of(name, node, template, command, params, parents)) {
            control.addListener(SWT.Modify, e -> validate());
        }
        interval.addListener(SWT.Modify, e -> validate());
        timeout.addListener(SWT.Modify, e -> validate());
        return area;
    }

    private void chooseParents() {
        List<String> given = new ArrayList<>();
        for (String parent : parents.getText().split(",")) {
            if (!parent.isBlank()) {
                given.add(parent.strip());
            }
        }
        ParentsDialog dialog = new ParentsDialog(getShell(), document.checks(), name.getText().strip(), given);
        if (dialog.open() == OK) {
            parents.setText(String.join(", ", dialog.parents()));
        }
    }

    private void fill(Check check) {
        if (check == null) {
            interval.setSelection(60);
            timeout.setSelection(30);
            enabled.setSelection(true);
            return;
        }
        name.setText(check.name());
        node.setText(nullToEmpty(check.node()));
        template.setText(nullToEmpty(check.template()));
        command.setText(nullToEmpty(check.command()));
        params.setText(ParamsText.format(check.params()));
        interval.setSelection(check.interval());
        timeout.setSelection(check.timeout());
        enabled.setSelection(check.enabled());
        parents.setText(String.join(", ", check.parents()));
    }

    /** Reads the fields: the first problem, or null with the check kept as the result. */
    @Override
    String check() {
        String problem;
        try {
            Check check = read();
            problem = problemOf(check);
            if (problem == null) {
                result = check;
            }
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        return problem;
    }

    private String problemOf(Check check) {
        boolean renamed = original == null || !original.name().equals(check.name());
        if (renamed && document.check(check.name()).isPresent()) {
            return "a check called '" + check.name() + "' exists already";
        }
        if (check.node() != null && document.node(check.node()).isEmpty()) {
            return "no node called '" + check.node() + "'; add it in the Nodes part first";
        }
        if (check.template() != null && document.template(check.template()).isEmpty()) {
            return "no template called '" + check.template() + "'";
        }
        for (String parent : check.parents()) {
            if (parent.equals(check.name())) {
                return "a check cannot be its own parent";
            }
            if (document.check(parent).isEmpty() && (original == null || !parent.equals(original.name()))) {
                return "no check called '" + parent + "' to be a parent";
            }
        }
        String cycle = document.cycleThrough(check.name(), check.parents()).orElse(null);
        if (cycle != null) {
            return "these parents would form a cycle: " + cycle;
        }
        preview.setText(CommandRenderer.render(check, document.node(check.node()).orElse(null),
                document.template(check.template()).orElse(null)));
        return null;
    }

    private Check read() {
        if (name.getText().isBlank()) {
            throw new IllegalArgumentException("a check needs a name");
        }
        List<String> parentNames = new ArrayList<>();
        for (String parent : parents.getText().split(",")) {
            if (!parent.isBlank()) {
                parentNames.add(parent.strip());
            }
        }
        List<String> recipients = original == null ? List.of() : original.recipients();
        return new Check(name.getText().strip(), emptyToNull(node.getText()), emptyToNull(template.getText()),
                emptyToNull(command.getText()), ParamsText.parse(params.getText()), interval.getSelection(),
                timeout.getSelection(), enabled.getSelection(), parentNames, recipients);
    }


    private static Text text(Composite form, String label, String field, int style) {
        new Label(form, SWT.NONE).setText(label);
        Text text = new Text(form, style);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 420;
        text.setLayoutData(data);
        text.setData(FIELD, field);
        return text;
    }

    private static Combo combo(Composite form, String label, String field, List<String> items) {
        new Label(form, SWT.NONE).setText(label);
        Combo combo = new Combo(form, SWT.DROP_DOWN);
        List<String> all = new ArrayList<>();
        all.add("");
        all.addAll(items);
        combo.setItems(all.toArray(String[]::new));
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        combo.setData(FIELD, field);
        return combo;
    }

    private static Spinner spinner(Composite form, String label, String field) {
        new Label(form, SWT.NONE).setText(label);
        Spinner spinner = new Spinner(form, SWT.BORDER);
        spinner.setValues(60, 0, MAX_SECONDS, 0, 1, 60);
        spinner.setData(FIELD, field);
        return spinner;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
