package org.flapjack.console.handlers;

import java.nio.file.Path;

import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.flapjack.console.deploy.BatchDeploy;
import org.flapjack.console.model.ChecksDocument;
import org.flapjack.console.model.ConsoleSession;
import org.flapjack.console.parts.DeployDialog;
import org.flapjack.populator.BatchRefusedException;
import org.osgi.framework.FrameworkUtil;

import jakarta.inject.Named;

/**
 * Deploy Batch (Ctrl+D): saves unsaved check edits when asked and waits for the save, checks the batch, shows what
 * changes since the last deploy and deploys it with a progress bar. A refused batch, or a save that failed, is shown
 * with its reasons and nothing is deployed.
 */
public class DeployHandler {

    private static final String SNAPSHOT = "last-deployed-batch.json";

    @Execute
    public void execute(@Named("activeShell") Shell shell, ConsoleSession session, EPartService partService) {
        if (session.document().isDirty()) {
            if (!MessageDialog.openQuestion(shell, "Deploy Batch",
                    "The checks have unsaved changes. Save them and deploy?")) {
                return;
            }
            partService.saveAll(false);
            if (!savedAfterWaiting(shell.getDisplay(), session.document())) {
                MessageDialog.openError(shell, "Deploy Batch", "Nothing was deployed: the checks could not be saved.");
                return;
            }
        }
        BatchDeploy deploy = new BatchDeploy(session.transport(), session.persistence(), snapshot());
        try {
            new DeployDialog(shell, deploy, deploy.preview(session.document().content())).open();
        } catch (BatchRefusedException e) {
            StringBuilder reasons = new StringBuilder("Nothing was deployed. Fix these first:");
            e.problems().stream().limit(20).forEach(problem -> reasons.append("\n").append(problem));
            MessageDialog.openError(shell, "Deploy Batch", reasons.toString());
        }
    }

    /** Runs the event loop, so the save's progress shows, until the save ends; true when it stored everything. */
    private static boolean savedAfterWaiting(Display display, ChecksDocument document) {
        while (document.isSaving()) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        return !document.isDirty();
    }

    /** The last deployed batch lives in the console's state folder, so each workspace compares with its own. */
    static Path snapshot() {
        try {
            return Platform.getStateLocation(FrameworkUtil.getBundle(DeployHandler.class)).toPath().resolve(SNAPSHOT);
        } catch (RuntimeException e) {
            return Path.of(System.getProperty("user.home"), ".flapjack", "console", SNAPSHOT);
        }
    }
}
