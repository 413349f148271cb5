package org.flapjack.console.parts;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.flapjack.console.model.ConsoleSettings;

/** Edits the console's settings: the store's uri and password, beanstalkd's host and port, and the config files. */
public final class PreferencesDialog extends TitleAreaDialog {

    private final ConsoleSettings initial;
    private final boolean initialLocalStack;
    private Button localStack;
    private boolean localStackResult;
    private Text uri;
    private Text password;
    private Text host;
    private Spinner port;
    private Text recipients;
    private Text notifierConfig;
    private ConsoleSettings result;

    /** A dialog showing INITIAL, and whether the local stack starts with the console (LOCAL_STACK). */
    public PreferencesDialog(Shell parent, ConsoleSettings initial, boolean localStack) {
        super(parent);
        this.initial = initial;
        this.initialLocalStack = localStack;
    }

    /** The settings entered, once OK was pressed. */
    public ConsoleSettings result() {
        return result;
    }

    /** Whether the local stack should start with the console, once OK was pressed. */
    public boolean localStackResult() {
        return localStackResult;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Preferences");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Flapjack console preferences");
        setMessage("The password is kept in Eclipse secure storage, never in a preference file.");
        Composite form = new Composite(area, SWT.NONE);
        form.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        form.setLayout(new GridLayout(2, false));
        uri = text(form, "Persistence uri:", "uri", initial.persistenceUri(), SWT.BORDER);
        uri.setMessage("blank: SQLite in ~/.flapjack/flapjack.db; or postgres://user@host/db, mysql://...");
        password = text(form, "Persistence password:", "password", "", SWT.BORDER | SWT.PASSWORD);
        password.setMessage("blank: keep the stored password");
        host = text(form, "beanstalkd host:", "host", initial.beanstalkdHost(), SWT.BORDER);
        new Label(form, SWT.NONE).setText("beanstalkd port:");
        port = new Spinner(form, SWT.BORDER);
        port.setValues(initial.beanstalkdPort(), 1, 65535, 0, 1, 100);
        port.setData(CheckDialog.FIELD, "port");
        recipients = text(form, "Recipients file:", "recipients", initial.recipientsFile().toString(), SWT.BORDER);
        notifierConfig = text(form, "Notifier config:", "notifierConfig", initial.notifierConfig().toString(),
                SWT.BORDER);
        new Label(form, SWT.NONE);
        localStack = new Button(form, SWT.CHECK);
        localStack.setText("Start local beanstalkd, workers and notifier at startup");
        localStack.setToolTipText("On the next start: beanstalkd on 127.0.0.1 (11300 or a free port), 5 workers and "
                + "a notifier writing to a log file, with sample checks when the store has none");
        localStack.setSelection(initialLocalStack);
        localStack.setData(CheckDialog.FIELD, "localStack");
        return area;
    }

    @Override
    protected void okPressed() {
        try {
            result = new ConsoleSettings(uri.getText(), password.getText(), host.getText(), port.getSelection(),
                    Path.of(recipients.getText().strip()), Path.of(notifierConfig.getText().strip()));
            localStackResult = localStack.getSelection();
        } catch (RuntimeException e) {
            setErrorMessage(e.getMessage());
            return;
        }
        super.okPressed();
    }

    Button okButton() {
        return getButton(IDialogConstants.OK_ID);
    }

    private static Text text(Composite form, String label, String field, String value, int style) {
        new Label(form, SWT.NONE).setText(label);
        Text text = new Text(form, style);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 380;
        text.setLayoutData(data);
        text.setText(value == null ? "" : value);
        text.setData(CheckDialog.FIELD, field);
        return text;
    }
}
