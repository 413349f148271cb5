package org.flapjack.console.parts;

import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.flapjack.console.model.HostSecrets;
import org.flapjack.processes.SecretQuestion;

/** Asks for the login password of a host or the passphrase of a key when a login needs it, and whether to keep it. */
final class SecretDialog extends TitleAreaDialog {

    /** The title of the dialog's window. */
    static final String TITLE = "SSH Login";

    private static final System.Logger LOG = System.getLogger(SecretDialog.class.getName());

    private final SecretQuestion question;
    private Text secret;
    private Button remember;
    private HostSecrets.Answer answer;

    SecretDialog(Shell parent, SecretQuestion question) {
        super(parent);
        this.question = question;
    }

    /**
     * Asks QUESTION in a dialog on DISPLAY's UI thread and waits for the answer: null when it was cancelled or the
     * display is gone. Called off the UI thread.
     */
    static HostSecrets.Answer ask(Display display, SecretQuestion question) {
        AtomicReference<HostSecrets.Answer> answer = new AtomicReference<>();
        try {
            display.syncExec(() -> {
                SecretDialog dialog = new SecretDialog(display.getActiveShell(), question);
                if (dialog.open() == OK) {
                    answer.set(dialog.answer());
                }
            });
        } catch (SWTException e) {
            LOG.log(System.Logger.Level.DEBUG, "the display closed before the secret could be asked");
        }
        return answer.get();
    }

    /** What was entered, once OK was pressed; null when the dialog was cancelled. */
    HostSecrets.Answer answer() {
        return answer;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(question.host().name());
        setMessage(question.prompt() + ". Cancel to leave the host alone until you reconnect.");
        Composite form = new Composite(area, SWT.NONE);
        form.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        form.setLayout(new GridLayout(2, false));
        new Label(form, SWT.NONE).setText(question.kind() == SecretQuestion.Kind.PASSWORD ? "Password:"
                : "Passphrase:");
        secret = new Text(form, SWT.BORDER | SWT.PASSWORD);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 300;
        secret.setLayoutData(data);
        secret.setData(CheckDialog.FIELD, "secret");
        new Label(form, SWT.NONE);
        remember = new Button(form, SWT.CHECK);
        remember.setText("Remember in secure storage");
        remember.setData(CheckDialog.FIELD, "remember");
        secret.addListener(SWT.Modify, e -> validate());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    @Override
    protected void okPressed() {
        if (!secret.getText().isEmpty()) {
            answer = new HostSecrets.Answer(secret.getText().toCharArray(), remember.getSelection());
            super.okPressed();
        }
    }

    private void validate() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(!secret.getText().isEmpty());
        }
    }
}
