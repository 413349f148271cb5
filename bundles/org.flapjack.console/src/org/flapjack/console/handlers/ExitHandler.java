package org.flapjack.console.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * File > Exit (Ctrl+Q): as closing the window does, offers unsaved changes for saving first, and stays open when the
 * operator cancels; then closes the workbench, which stops the local stack it started.
 */
public class ExitHandler {

    @Execute
    public void execute(IWorkbench workbench, EPartService partService) {
        if (partService.getDirtyParts().isEmpty() || partService.saveAll(true)) {
            workbench.close();
        }
    }
}
