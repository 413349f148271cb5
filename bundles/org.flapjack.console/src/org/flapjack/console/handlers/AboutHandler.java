package org.flapjack.console.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.FrameworkUtil;

import jakarta.inject.Named;

/** Help > About: names the console and its version. */
public class AboutHandler {

    @Execute
    public void execute(@Named("activeShell") Shell shell) {
        MessageDialog.openInformation(shell, "About Flapjack", aboutText());
    }

    /** The text of the About dialog, with the version of the running console bundle. */
    public static String aboutText() {
        String version = FrameworkUtil.getBundle(AboutHandler.class).getVersion().toString();
        return "Flapjack console " + version + "\n\nMonitoring checks on a pool of workers, and the people they tell.";
    }
}
