package org.flapjack.console.parts;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.flapjack.console.model.ChecksDocument;
import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckTemplate;

/** Edits the check templates. Recipients dropped on a template are assigned to every check made from it. */
public class TemplatesPart extends CheckGroupsPart<CheckTemplate> {

    public TemplatesPart() {
        super(CheckTemplate.class, "Template");
    }

    @Override
    void addColumns() {
        addColumn("Template", 160, CheckTemplate::name);
        addColumn("Command", 240, CheckTemplate::command);
        addColumn("Interval (s)", 80, template -> Integer.toString(template.interval()));
    }

    @Override
    String name(CheckTemplate template) {
        return template.name();
    }

    @Override
    String groupOf(Check check) {
        return check.template();
    }

    @Override
    List<CheckTemplate> groups(ChecksDocument checks) {
        return checks.templates();
    }

    @Override
    Optional<CheckTemplate> dialog(Shell shell, CheckTemplate original, Set<String> taken) {
        TemplateDialog dialog = new TemplateDialog(shell, original, taken);
        return dialog.open() == Window.OK ? Optional.of(dialog.result()) : Optional.empty();
    }

    @Override
    void put(ChecksDocument checks, String oldName, CheckTemplate template) {
        checks.putTemplate(oldName, template);
    }

    @Override
    void delete(ChecksDocument checks, String name) {
        checks.deleteTemplate(name);
    }

    @Override
    List<String> checksOf(ChecksDocument checks, String name) {
        return checks.checksOfTemplate(name);
    }
}
