package org.flapjack.console.quickstart;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** The line at the bottom of the window: what the local stack is doing, or why it does not run. */
public class StatusLine {

    private Label label;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite line = new Composite(parent, SWT.NONE);
        line.setLayout(new GridLayout(1, false));
        label = new Label(line, SWT.NONE);
        label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }

    /** Shows TEXT, from the {@link LocalStackAddon#STATUS_TOPIC} events. */
    @Inject
    @Optional
    public void show(@UIEventTopic(LocalStackAddon.STATUS_TOPIC) String text) {
        if (label != null && !label.isDisposed()) {
            label.setText(text);
            label.setToolTipText(text);
            label.requestLayout();
        }
    }

    /** The text shown now. */
    public String text() {
        return label.getText();
    }
}
