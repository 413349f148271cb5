package org.flapjack.console.parts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.flapjack.core.model.Check;

/**
 * Picks parent checks from the other checks: a filter box over their names and a list of the matches, of which the
 * chosen ones are added to the parents already given. Shows at most a few hundred matches, so it stays quick with
 * tens of thousands of checks.
 */
final class ParentsDialog extends Dialog {

    private static final int SHOWN = 500;

    private final Check[] checks;
    private final String self;
    private final Set<String> chosen;
    private Text filter;
    private org.eclipse.swt.widgets.List list;
    private Label count;

    /** A dialog over CHECKS, leaving out the check called SELF; CHOSEN are the parents given so far. */
    ParentsDialog(Shell parent, Check[] checks, String self, List<String> chosen) {
        super(parent);
        this.checks = checks;
        this.self = self;
        this.chosen = new LinkedHashSet<>(chosen);
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    /** The parents after OK: those given before and those picked, in that order. */
    List<String> parents() {
        return List.copyOf(chosen);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Choose Parents");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(1, false));
        filter = new Text(area, SWT.SEARCH | SWT.ICON_SEARCH | SWT.BORDER);
        filter.setMessage("Filter check names");
        filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filter.setData(CheckDialog.FIELD, "filter");
        list = new org.eclipse.swt.widgets.List(area, SWT.MULTI | SWT.BORDER | SWT.V_SCROLL);
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
        data.widthHint = 360;
        data.heightHint = 260;
        list.setLayoutData(data);
        list.setData(CheckDialog.FIELD, "checks");
        count = new Label(area, SWT.NONE);
        count.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filter.addModifyListener(e -> showMatches());
        showMatches();
        return area;
    }

    @Override
    protected void okPressed() {
        for (String name : list.getSelection()) {
            chosen.add(name);
        }
        super.okPressed();
    }

    private void showMatches() {
        String text = filter.getText().strip().toLowerCase(Locale.ROOT);
        List<String> matches = new ArrayList<>();
        int total = 0;
        for (Check check : checks) {
            String name = check.name();
            if (!name.equals(self) && !chosen.contains(name) && name.toLowerCase(Locale.ROOT).contains(text)) {
                total++;
                if (matches.size() < SHOWN) {
                    matches.add(name);
                }
            }
        }
        list.setItems(matches.toArray(String[]::new));
        count.setText(total > SHOWN ? SHOWN + " of " + total + " matches shown; filter to find the others"
                : total + " matches");
    }
}
