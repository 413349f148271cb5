package org.flapjack.console.parts;

import java.util.List;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.flapjack.console.model.RecipientFields;
import org.flapjack.core.model.Recipient;

/** Edits one recipient; each field is checked as it is typed and OK stays disabled while one is wrong. */
final class RecipientDialog extends FieldsDialog {

    private final Recipient original;
    private final Set<String> takenNames;

    private Text name;
    private Text email;
    private Text phone;
    private Text pager;
    private Text jid;
    private Recipient result;

    /** A dialog for ORIGINAL (null: a new recipient); TAKEN are the names other recipients have. */
    RecipientDialog(Shell parent, Recipient original, Set<String> taken) {
        super(parent);
        this.original = original;
        this.takenNames = taken;
    }

    Recipient result() {
        return result;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(original == null ? "New Recipient" : "Edit Recipient");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(original == null ? "New recipient" : original.name());
        setMessage("Who is told when their checks fail, and how to reach them.");
        Composite form = new Composite(area, SWT.NONE);
        form.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        form.setLayout(new GridLayout(2, false));
        name = field(form, "Name:", "name");
        email = field(form, "Email:", "email");
        phone = field(form, "Phone:", "phone");
        pager = field(form, "Pager:", "pager");
        jid = field(form, "Jabber ID:", "jid");
        if (original != null) {
            name.setText(original.name());
            email.setText(orEmpty(original.email()));
            phone.setText(orEmpty(original.phone()));
            pager.setText(orEmpty(original.pager()));
            jid.setText(orEmpty(original.jid()));
        }
        for (Text text : List.of(name, email, phone, pager, jid)) {
            text.addListener(SWT.Modify, e -> validate());
        }
        return area;
    }

    @Override
    String check() {
        String problem;
        if (name.getText().isBlank()) {
            problem = "a recipient needs a name";
        } else if (takenNames.contains(name.getText().strip())
                && (original == null || !original.name().equals(name.getText().strip()))) {
            problem = "there is a recipient called '" + name.getText().strip() + "' already";
        } else {
            Recipient recipient = new Recipient(name.getText().strip(), orNull(email), orNull(phone), orNull(pager),
                    orNull(jid));
            problem = RecipientFields.problem(recipient).orElse(null);
            result = recipient;
        }
        return problem;
    }

    private static Text field(Composite form, String label, String key) {
        new Label(form, SWT.NONE).setText(label);
        Text text = new Text(form, SWT.BORDER);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 320;
        text.setLayoutData(data);
        text.setData(CheckDialog.FIELD, key);
        return text;
    }

    private static String orNull(Text text) {
        return text.getText().isBlank() ? null : text.getText().strip();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
