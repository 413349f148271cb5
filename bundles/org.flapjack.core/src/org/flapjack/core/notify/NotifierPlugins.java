package org.flapjack.core.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The notifier factories that plugin jars provide: every jar in each notifier directory is loaded by one class loader
 * per directory, which sees the JDK and Flapjack's core packages only, and asked for its
 * {@code META-INF/services/org.flapjack.core.notify.NotifierFactory}. A directory that does not exist is skipped with
 * a warning. The first directory that provides a name wins.
 */
public final class NotifierPlugins implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NotifierPlugins.class.getName());

    private final List<Path> directories;
    private final Map<String, NotifierFactory> factories;
    private final List<URLClassLoader> loaders;

    private NotifierPlugins(List<Path> directories, Map<String, NotifierFactory> factories,
            List<URLClassLoader> loaders) {
        this.directories = List.copyOf(directories);
        this.factories = factories;
        this.loaders = loaders;
    }

    /** Loads the factories of every jar in the directories, in order. */
    public static NotifierPlugins load(List<Path> directories) {
        Map<String, NotifierFactory> factories = new LinkedHashMap<>();
        List<URLClassLoader> loaders = new ArrayList<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                LOG.log(System.Logger.Level.WARNING, () -> "notifier directory " + directory
                        + " does not exist; skipping it");
                continue;
            }
            List<URL> jars = jarsIn(directory);
            if (jars.isEmpty()) {
                LOG.log(System.Logger.Level.DEBUG, () -> "no jars in notifier directory " + directory);
                continue;
            }
            URLClassLoader loader = new URLClassLoader("notifiers " + directory, jars.toArray(URL[]::new),
                    new CoreOnlyLoader());
            loaders.add(loader);
            collect(directory, loader, factories);
        }
        return new NotifierPlugins(directories, factories, loaders);
    }

    private static List<URL> jarsIn(Path directory) {
        List<URL> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.jar")) {
            for (Path jar : entries) {
                jars.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException("a jar in " + directory + " has no URL", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list notifier directory " + directory, e);
        }
        jars.sort((a, b) -> a.toString().compareTo(b.toString()));
        return jars;
    }

    private static void collect(Path directory, URLClassLoader loader, Map<String, NotifierFactory> factories) {
        for (ServiceLoader.Provider<NotifierFactory> provider : ServiceLoader.load(NotifierFactory.class, loader)
                .stream().toList()) {
            NotifierFactory factory = provider.get();
            if (factories.putIfAbsent(factory.name(), factory) == null) {
                LOG.log(System.Logger.Level.INFO, () -> "loaded notifier " + factory.name() + " from " + directory);
            } else {
                LOG.log(System.Logger.Level.WARNING, () -> "notifier " + factory.name() + " in " + directory
                        + " is provided by an earlier directory already; using that one");
            }
        }
    }

    /** The factory a plugin provides under this name, if any. */
    public Optional<NotifierFactory> factory(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    /** The names the plugins provide, in the order they were found. */
    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /** The directories that were searched, as configured. */
    public List<Path> directories() {
        return directories;
    }

    /** Closes the plugins' class loaders; notifiers made by them may not work afterwards. */
    @Override
    public void close() {
        for (URLClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a notifier class loader failed", e);
            }
        }
    }

    /**
     * The parent of the plugins' class loaders: the JDK, and Flapjack's core packages as this bundle sees them, so a
     * plugin shares the notifier SPI with the engine but no other library, in OSGi and on a flat class path alike.
     */
    private static final class CoreOnlyLoader extends ClassLoader {

        CoreOnlyLoader() {
            super("flapjack-core-for-notifiers", ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith("org.flapjack.core.")) {
                return NotifierPlugins.class.getClassLoader().loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }
    }
}
