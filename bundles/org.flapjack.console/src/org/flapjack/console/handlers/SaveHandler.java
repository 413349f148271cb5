package org.flapjack.console.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** File > Save (Ctrl+S): saves every part with unsaved changes: the checks to the store, recipients to their file. */
public class SaveHandler {

    @CanExecute
    public boolean canExecute(EPartService partService) {
        return !partService.getDirtyParts().isEmpty();
    }

    @Execute
    public void execute(EPartService partService) {
        partService.saveAll(false);
    }
}
