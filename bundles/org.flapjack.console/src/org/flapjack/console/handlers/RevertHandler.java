package org.flapjack.console.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.flapjack.console.parts.Revertible;

import jakarta.inject.Named;

/** File > Revert: drops the active part's unsaved changes, after asking, and shows what is stored. */
public class RevertHandler {

    @CanExecute
    public boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && part.isDirty() && part.getObject() instanceof Revertible;
    }

    @Execute
    public void execute(@Named("activeShell") Shell shell, @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        if (part.getObject() instanceof Revertible revertible
                && MessageDialog.openConfirm(shell, "Revert", "Drop the unsaved changes in " + part.getLabel() + "?")) {
            revertible.revert();
        }
    }
}
