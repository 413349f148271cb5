package org.flapjack.notifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.flapjack.core.config.ConfigException;
import org.flapjack.core.config.IniSection;
import org.flapjack.core.config.NotifierConfig;
import org.flapjack.core.notify.Notifier;
import org.flapjack.core.notify.NotifierFactory;
import org.flapjack.core.notify.NotifierPlugins;

/** Makes the notifiers a config names, from the built-in factories and those the plugin jars provide. */
public final class Notifiers {

    private Notifiers() {
    }

    /**
     * One notifier per name in {@code notifiers}, in order, each made from its {@code [NAME-notifier]} section plus
     * {@link NotifierFactory#STATE_DIR}; a built-in factory wins over a plugin of the same name. A name nothing
     * provides, or a section the notifier refuses, is a {@link ConfigException}.
     */
    public static List<Notifier> create(NotifierConfig config, List<NotifierFactory> builtIns,
            NotifierPlugins plugins, Path stateDir) throws ConfigException {
        List<Notifier> notifiers = new ArrayList<>();
        try {
            for (String name : config.notifiers()) {
                NotifierFactory factory = factory(config, name, builtIns, plugins);
                notifiers.add(create(config, factory, name, stateDir));
            }
        } catch (ConfigException | RuntimeException e) {
            notifiers.forEach(Notifier::close);
            throw e;
        }
        return notifiers;
    }

    private static NotifierFactory factory(NotifierConfig config, String name, List<NotifierFactory> builtIns,
            NotifierPlugins plugins) throws ConfigException {
        Optional<NotifierFactory> builtIn = builtIns.stream().filter(factory -> factory.name().equals(name))
                .findFirst();
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        Optional<NotifierFactory> plugin = plugins.factory(name);
        if (plugin.isPresent()) {
            return plugin.get();
        }
        String searched = plugins.directories().isEmpty() ? "no notifier-directories are set"
                : "searched " + plugins.directories().stream().map(Path::toString).collect(Collectors.joining(", "));
        String known = builtIns.stream().map(NotifierFactory::name).collect(Collectors.joining(", "));
        throw new ConfigException(config.file(), notifierLine(config, "notifiers"), "a notifier named " + name
                + " among the built-in ones (" + known + ") or in a jar of the notifier directories (" + searched
                + ")");
    }

    private static Notifier create(NotifierConfig config, NotifierFactory factory, String name, Path stateDir)
            throws ConfigException {
        Map<String, String> settings = new HashMap<>(config.notifierSettings(name));
        settings.putIfAbsent(NotifierFactory.STATE_DIR, stateDir.toString());
        try {
            return factory.create(settings);
        } catch (IllegalArgumentException e) {
            int line = config.ini().section(name + "-notifier").map(IniSection::line)
                    .orElse(notifierLine(config, "notifiers"));
            throw new ConfigException(config.file(), line, "settings the " + name + " notifier accepts: "
                    + e.getMessage());
        }
    }

    private static int notifierLine(NotifierConfig config, String key) {
        return config.ini().section("notifier").map(section -> section.lineOf(key)).orElse(1);
    }
}
