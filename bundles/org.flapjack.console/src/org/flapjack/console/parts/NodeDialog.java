package org.flapjack.console.parts;

import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.flapjack.core.model.Node;

/** Edits one node: its fully qualified name and the params its checks' commands may use. */
final class NodeDialog extends FieldsDialog {

    private final Node original;
    private final Set<String> taken;
    private Text name;
    private Text params;
    private Node result;

    NodeDialog(Shell parent, Node original, Set<String> taken) {
        super(parent);
        this.original = original;
        this.taken = taken;
    }

    Node result() {
        return result;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(original == null ? "New Node" : "Edit Node");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(original == null ? "New node" : original.name());
        setMessage("A monitored host; its name fills $FQDN and $NAME, its params fill the rest.");
        Composite form = new Composite(area, SWT.NONE);
        form.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        form.setLayout(new GridLayout(2, false));
        new Label(form, SWT.NONE).setText("Name (FQDN):");
        name = new Text(form, SWT.BORDER);
        name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        name.setData(CheckDialog.FIELD, "name");
        new Label(form, SWT.NONE).setText("Params (KEY=VALUE a line):");
        params = new Text(form, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
        data.widthHint = 360;
        data.heightHint = 80;
        params.setLayoutData(data);
        params.setData(CheckDialog.FIELD, "params");
        if (original != null) {
            name.setText(original.name());
            params.setText(ParamsText.format(original.params()));
        }
        name.addListener(SWT.Modify, e -> validate());
        params.addListener(SWT.Modify, e -> validate());
        return area;
    }

    @Override
    String check() {
        String problem = null;
        String entered = name.getText().strip();
        if (entered.isEmpty()) {
            problem = "a node needs a name";
        } else if (!entered.matches("[A-Za-z0-9._:-]+")) {
            problem = "a node name is a host name such as web1.example.org";
        } else if (taken.contains(entered) && (original == null || !original.name().equals(entered))) {
            problem = "a node called '" + entered + "' exists already";
        } else {
            try {
                result = new Node(entered, ParamsText.parse(params.getText()));
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        return problem;
    }
}
