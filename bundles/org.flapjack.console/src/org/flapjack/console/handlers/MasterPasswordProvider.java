package org.flapjack.console.handlers;

import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.provider.IPreferencesContainer;
import org.eclipse.equinox.security.storage.provider.PasswordProvider;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Asks the operator for the master password that encrypts the console's secure storage (where the persistence
 * password lives), once per session. Used where the platform offers no keyring integration.
 */
public class MasterPasswordProvider extends PasswordProvider {

    @Override
    public PBEKeySpec getPassword(IPreferencesContainer container, int passwordType) {
        Display display = Display.getDefault();
        boolean creating = (passwordType & CREATE_NEW_PASSWORD) != 0;
        String message = creating
                ? "Choose a master password for the console's secure storage.\nIt protects the stored passwords."
                : "Enter the master password of the console's secure storage.";
        AtomicReference<String> entered = new AtomicReference<>();
        display.syncExec(() -> {
            Shell shell = display.getActiveShell();
            InputDialog dialog = new InputDialog(shell, "Secure Storage", message, "",
                    text -> text.isEmpty() ? "the master password cannot be empty" : null) {
                @Override
                protected int getInputTextStyle() {
                    return SWT.SINGLE | SWT.BORDER | SWT.PASSWORD;
                }
            };
            if (dialog.open() == Window.OK) {
                entered.set(dialog.getValue());
            }
        });
        return entered.get() == null ? null : new PBEKeySpec(entered.get().toCharArray());
    }

    @Override
    public boolean retryOnError(Exception e, IPreferencesContainer container) {
        return true;
    }
}
