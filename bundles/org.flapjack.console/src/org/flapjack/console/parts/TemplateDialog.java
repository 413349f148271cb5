package org.flapjack.console.parts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.flapjack.core.model.CheckTemplate;

/** Edits one check template: a command with placeholders, default params, interval and timeout. */
final class TemplateDialog extends FieldsDialog {

    private final CheckTemplate original;
    private final Set<String> taken;
    private Text name;
    private Text command;
    private Text params;
    private Spinner interval;
    private Spinner timeout;
    private CheckTemplate result;

    TemplateDialog(Shell parent, CheckTemplate original, Set<String> taken) {
        super(parent);
        this.original = original;
        this.taken = taken;
    }

    CheckTemplate result() {
        return result;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(original == null ? "New Template" : "Edit Template");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(original == null ? "New check template" : original.name());
        setMessage("A command many checks share; a check's own command, interval and timeout win over these.");
        Composite form = new Composite(area, SWT.NONE);
        form.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        form.setLayout(new GridLayout(2, false));
        name = text(form, "Name:", "name", SWT.BORDER);
        command = text(form, "Command:", "command", SWT.BORDER);
        params = text(form, "Params (KEY=VALUE a line):", "params", SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        ((GridData) params.getLayoutData()).heightHint = 60;
        interval = spinner(form, "Interval (s):", "interval", 60);
        timeout = spinner(form, "Timeout (s):", "timeout", 30);
        if (original != null) {
            name.setText(original.name());
            command.setText(original.command() == null ? "" : original.command());
            params.setText(ParamsText.format(original.params()));
            interval.setSelection(original.interval());
            timeout.setSelection(original.timeout());
        }
        for (Control control : new Control[] { name, command, params, interval, timeout }) {
            control.addListener(SWT.Modify, e -> validate());
        }
        return area;
    }

    @Override
    String check() {
        String problem = null;
        String entered = name.getText().strip();
        Map<String, String> map = new LinkedHashMap<>();
        if (entered.isEmpty()) {
            problem = "a template needs a name";
        } else if (taken.contains(entered) && (original == null || !original.name().equals(entered))) {
            problem = "a template called '" + entered + "' exists already";
        } else if (command.getText().isBlank()) {
            problem = "a template needs a command";
        } else {
            try {
                map = ParamsText.parse(params.getText());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        if (problem == null) {
            result = new CheckTemplate(entered, command.getText().strip(), map, interval.getSelection(),
                    timeout.getSelection());
        }
        return problem;
    }

    private static Text text(Composite form, String label, String field, int style) {
        new Label(form, SWT.NONE).setText(label);
        Text text = new Text(form, style);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 380;
        text.setLayoutData(data);
        text.setData(CheckDialog.FIELD, field);
        return text;
    }

    private static Spinner spinner(Composite form, String label, String field, int value) {
        new Label(form, SWT.NONE).setText(label);
        Spinner spinner = new Spinner(form, SWT.BORDER);
        spinner.setValues(value, 0, 7 * 24 * 3600, 0, 1, 60);
        spinner.setData(CheckDialog.FIELD, field);
        return spinner;
    }
}
