package org.flapjack.console.parts;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

/**
 * A dialog of fields that says what is wrong with them while they are typed in, and lets OK be pressed only when
 * nothing is. A subclass reads its fields in {@link #check()} and calls {@link #validate()} when one changes.
 */
abstract class FieldsDialog extends TitleAreaDialog {

    FieldsDialog(Shell parent) {
        super(parent);
    }

    /** Reads the fields: the first thing wrong with them, or null when they make a value to keep. */
    abstract String check();

    /** Takes what is read only once OK is pressed on valid fields, such as a password typed in. */
    void accepted() {
    }

    /** Checks the fields, shows the first problem, and enables OK only when there is none; true when none. */
    final boolean validate() {
        String problem = check();
        setErrorMessage(problem);
        Button ok = okButton();
        if (ok != null) {
            ok.setEnabled(problem == null);
        }
        return problem == null;
    }

    /** The OK button, for a test that presses it as a person would. */
    Button okButton() {
        return getButton(IDialogConstants.OK_ID);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    @Override
    protected void okPressed() {
        if (validate()) {
            accepted();
            super.okPressed();
        }
    }
}
