package org.flapjack.console.handlers;

import java.nio.file.Path;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.flapjack.console.parts.RecipientsPart;

import jakarta.inject.Named;

/** File > Open Recipients File: asks for a recipients file and shows it in the Recipients part. */
public class OpenRecipientsHandler {

    static final String RECIPIENTS_PART_ID = "org.flapjack.console.part.recipients";

    @Execute
    public void execute(@Named("activeShell") Shell shell, EPartService partService) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Open Recipients File");
        dialog.setFilterExtensions(new String[] { "*.conf;*.ini;*.cfg", "*" });
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        MPart part = partService.showPart(RECIPIENTS_PART_ID, EPartService.PartState.ACTIVATE);
        if (part != null && part.getObject() instanceof RecipientsPart recipients) {
            recipients.open(Path.of(chosen));
        }
    }
}
