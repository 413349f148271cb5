package org.flapjack.console.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.flapjack.console.model.ConsolePreferences;
import org.flapjack.console.model.ConsoleSession;
import org.flapjack.console.model.ConsoleSettings;
import org.flapjack.console.parts.PreferencesDialog;

import jakarta.inject.Named;

/**
 * File > Preferences: edits where the store, beanstalkd and the config files are; the password goes to secure
 * storage. The store and queue server are reopened with the new settings on their next use; the local stack switch
 * counts from the next start.
 */
public class PreferencesHandler {

    @Execute
    public void execute(@Named("activeShell") Shell shell, ConsoleSession session) {
        ConsoleSettings stored = ConsolePreferences.load();
        PreferencesDialog dialog = new PreferencesDialog(shell, stored, ConsolePreferences.localStack(stored));
        if (dialog.open() != Window.OK) {
            return;
        }
        try {
            ConsolePreferences.store(dialog.result());
            ConsolePreferences.storeLocalStack(dialog.localStackResult());
            session.reload();
        } catch (Exception e) {
            MessageDialog.openError(shell, "Preferences", "The preferences were not saved: " + e.getMessage());
        }
    }
}
