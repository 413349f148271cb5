package org.flapjack.console.parts;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.flapjack.console.deploy.BatchDeploy;
import org.flapjack.console.deploy.BatchDeploy.Outcome;
import org.flapjack.console.deploy.BatchDeploy.Preview;

/**
 * Shows what a deploy will change, runs it on Deploy with a progress bar that Cancel stops, and then shows the
 * summary, or the failure and the state it left the jobs tube in.
 */
public final class DeployDialog extends TitleAreaDialog {

    private final BatchDeploy deploy;
    private final Preview preview;
    private Text report;
    private ProgressBar bar;
    private Job job;
    private Outcome outcome;

    public DeployDialog(Shell parent, BatchDeploy deploy, Preview preview) {
        super(parent);
        this.deploy = deploy;
        this.preview = preview;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    /** How the deploy ended; null while it has not. */
    public Outcome outcome() {
        return outcome;
    }

    /** The text the dialog shows: the changes, then the summary. */
    public String reportText() {
        return report.getText();
    }

    /** Starts the deploy, as the Deploy button does. */
    public void deploy() {
        getButton(IDialogConstants.OK_ID).setEnabled(false);
        setMessage("Deploying batch " + preview.plan().batch() + "...");
        Display display = getShell().getDisplay();
        job = deploy.start(preview,
                (done, total) -> display.asyncExec(() -> showProgress(done, total)),
                result -> display.asyncExec(() -> finished(result)));
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Deploy Batch");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        int jobs = preview.plan().jobs().size();
        setTitle("Deploy " + jobs + (jobs == 1 ? " job" : " jobs") + " as batch " + preview.plan().batch());
        setMessage("Since the last deploy: " + preview.changes().counts());
        Composite body = new Composite(area, SWT.NONE);
        body.setLayout(new GridLayout(1, false));
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        report = new Text(body, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
        data.widthHint = 560;
        data.heightHint = 160;
        report.setLayoutData(data);
        report.setText(previewText());
        bar = new ProgressBar(body, SWT.SMOOTH);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        bar.setMaximum(Math.max(1, preview.plan().jobs().size()));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Deploy", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        deploy();
    }

    @Override
    protected void cancelPressed() {
        if (job != null && outcome == null) {
            job.cancel();
            setMessage("Cancelling...");
            return;
        }
        super.cancelPressed();
    }

    private String previewText() {
        StringBuilder text = new StringBuilder("Changes since the last deploy: ");
        text.append(preview.changes().describe(10));
        if (!preview.plan().disabled().isEmpty()) {
            text.append("\n").append(preview.plan().disabled().size()).append(" disabled checks are left out");
        }
        preview.plan().failed().forEach((check, reason) -> text.append("\ncannot run ").append(check).append(": ")
                .append(reason));
        return text.toString();
    }

    private void showProgress(int done, int total) {
        if (!bar.isDisposed()) {
            bar.setMaximum(Math.max(1, total));
            bar.setSelection(done);
        }
    }

    private void finished(Outcome result) {
        outcome = result;
        if (report.isDisposed()) {
            return;
        }
        report.setText(previewText() + "\n\n" + result.describe());
        if (result.failure() != null) {
            setErrorMessage(result.failure());
        } else if (result.summary().cancelled()) {
            setMessage("Cancelled: " + result.summary().state());
        } else {
            setMessage("Deployed: " + result.summary().counts());
            bar.setSelection(bar.getMaximum());
        }
        Button close = getButton(IDialogConstants.CANCEL_ID);
        close.setText(IDialogConstants.CLOSE_LABEL);
    }
}
