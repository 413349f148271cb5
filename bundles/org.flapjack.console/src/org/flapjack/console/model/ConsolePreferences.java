package org.flapjack.console.model;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.osgi.service.prefs.BackingStoreException;

/**
 * Keeps {@link ConsoleSettings} in the console's instance preferences, and the persistence password in Eclipse secure
 * storage, never in a plain preference file.
 */
public final class ConsolePreferences {

    static final String NODE = "org.flapjack.console";
    static final String URI = "persistence.uri";
    static final String PASSWORD = "persistence.password";
    static final String HOST = "beanstalkd.host";
    static final String PORT = "beanstalkd.port";
    static final String RECIPIENTS = "recipients.file";
    static final String NOTIFIER_CONFIG = "notifier.config";
    static final String LOCAL_STACK = "localStack.start";

    private static final System.Logger LOG = System.getLogger(ConsolePreferences.class.getName());

    private ConsolePreferences() {
    }

    /**
     * The stored settings, with the defaults for what was never set. The password is left out: reading it may ask
     * for the secure storage's master password, so {@link #password()} is called only when a store needs it.
     */
    public static ConsoleSettings load() {
        ConsoleSettings defaults = ConsoleSettings.defaults();
        IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(NODE);
        return new ConsoleSettings(prefs.get(URI, defaults.persistenceUri()), "",
                prefs.get(HOST, defaults.beanstalkdHost()), prefs.getInt(PORT, defaults.beanstalkdPort()),
                Path.of(prefs.get(RECIPIENTS, defaults.recipientsFile().toString())),
                Path.of(prefs.get(NOTIFIER_CONFIG, defaults.notifierConfig().toString())));
    }

    /**
     * Stores SETTINGS: the password in secure storage, the rest in the instance preferences. An empty password keeps
     * the one stored before.
     */
    public static void store(ConsoleSettings settings)
            throws BackingStoreException, StorageException, IOException {
        IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(NODE);
        prefs.put(URI, settings.persistenceUri());
        prefs.put(HOST, settings.beanstalkdHost());
        prefs.putInt(PORT, settings.beanstalkdPort());
        prefs.put(RECIPIENTS, settings.recipientsFile().toString());
        prefs.put(NOTIFIER_CONFIG, settings.notifierConfig().toString());
        prefs.flush();
        if (!settings.persistencePassword().isEmpty()) {
            ISecurePreferences secure = SecurePreferencesFactory.getDefault().node(NODE);
            secure.put(PASSWORD, settings.persistencePassword(), true);
            secure.flush();
        }
    }

    /**
     * Whether the console starts a local beanstalkd, workers and notifier: as stored, else on while SETTINGS still
     * name beanstalkd on localhost's default port.
     */
    public static boolean localStack(ConsoleSettings settings) {
        return InstanceScope.INSTANCE.getNode(NODE).getBoolean(LOCAL_STACK, settings.namesLocalDefaultBeanstalkd());
    }

    /** Stores whether the console starts its local stack. */
    public static void storeLocalStack(boolean start) throws BackingStoreException {
        IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(NODE);
        prefs.putBoolean(LOCAL_STACK, start);
        prefs.flush();
    }

    /** The persistence password from secure storage; empty when none is stored or it cannot be read. */
    public static String password() {
        try {
            ISecurePreferences root = SecurePreferencesFactory.getDefault();
            if (root == null || !root.nodeExists(NODE)) {
                return "";
            }
            return root.node(NODE).get(PASSWORD, "");
        } catch (StorageException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the persistence password could not be read from secure storage: "
                    + e.getClass().getSimpleName());
            return "";
        }
    }
}
