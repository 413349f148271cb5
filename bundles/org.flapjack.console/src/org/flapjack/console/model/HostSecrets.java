package org.flapjack.console.model;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.StorageException;
import org.flapjack.processes.Host;
import org.flapjack.processes.PasswordCallback;
import org.flapjack.processes.SecretQuestion;

/**
 * The login passwords and key passphrases of remote hosts. A secret is asked for when a login needs it, kept in
 * memory for the session, and kept in Eclipse secure storage (a node per host) when the operator chooses to remember
 * it; never in hosts.json. A secret the host refused is forgotten, and after a refusal or a cancelled question the
 * host is not asked about again until {@link #retry(Host)}, so that the periodic status refresh never keeps asking.
 */
public final class HostSecrets implements PasswordCallback {

    /** The secure storage node that holds a node per host. */
    static final String ROOT = "org.flapjack.console/hosts";

    static final String PASSWORD = "password";

    static final String PASSPHRASE = "passphrase ";

    private static final System.Logger LOG = System.getLogger(HostSecrets.class.getName());

    private final Supplier<ISecurePreferences> storage;

    private final Asker asker;

    /** Secrets of this session, by host name and then by entry. */
    private final Map<String, Map<String, char[]>> session = new ConcurrentHashMap<>();

    private final Set<String> resting = ConcurrentHashMap.newKeySet();

    /**
     * Secrets kept in the secure storage STORAGE gives (asked for on first need, since opening it may ask for its
     * master password), and asked for through ASKER.
     */
    public HostSecrets(Supplier<ISecurePreferences> storage, Asker asker) {
        this.storage = storage;
        this.asker = asker;
    }

    /** Asks the operator for a secret. */
    @FunctionalInterface
    public interface Asker {

        /** The operator's answer to QUESTION, or null when they cancelled. Called off the UI thread. */
        Answer ask(SecretQuestion question);
    }

    /**
     * What the operator answered.
     *
     * @param secret the password or passphrase
     * @param remember whether to keep it in secure storage for later sessions
     */
    public record Answer(char[] secret, boolean remember) {
    }

    @Override
    public char[] secret(SecretQuestion question) {
        Host host = question.host();
        String entry = entry(question);
        char[] known = session.getOrDefault(host.name(), Map.of()).get(entry);
        if (known == null) {
            known = stored(host, entry);
        }
        if (known != null) {
            return known.clone();
        }
        if (resting.contains(host.name())) {
            return null;
        }
        Answer answer = asker.ask(question);
        if (answer == null || answer.secret() == null) {
            resting.add(host.name());
            LOG.log(System.Logger.Level.INFO, () -> host.name() + ": no " + kind(question) + " given; not asked again "
                    + "until the operator reconnects");
            return null;
        }
        keep(host, entry, answer.secret(), answer.remember());
        return answer.secret().clone();
    }

    @Override
    public void refused(SecretQuestion question) {
        Host host = question.host();
        String entry = entry(question);
        Map<String, char[]> kept = session.get(host.name());
        if (kept != null) {
            wipe(kept.remove(entry));
        }
        removeStored(host, entry);
        resting.add(host.name());
        LOG.log(System.Logger.Level.INFO, () -> host.name() + ": the " + kind(question) + " was refused and is "
                + "forgotten; not asked again until the operator reconnects");
    }

    /** Keeps PASSWORD as the login password of HOST: for the session, and in secure storage when REMEMBER is set. */
    public void keepPassword(Host host, char[] password, boolean remember) {
        keep(host, PASSWORD, password, remember);
        resting.remove(host.name());
    }

    /** Whether secure storage holds a login password for HOST. */
    public boolean remembersPassword(Host host) {
        char[] stored = stored(host, PASSWORD);
        wipe(stored);
        return stored != null;
    }

    /** Forgets every secret of HOST, remembered ones included: the host was removed or now logs in otherwise. */
    public void forget(Host host) {
        Map<String, char[]> kept = session.remove(host.name());
        if (kept != null) {
            kept.values().forEach(HostSecrets::wipe);
        }
        resting.remove(host.name());
        try {
            ISecurePreferences root = storage.get();
            if (root != null && root.nodeExists(nodePath(host))) {
                root.node(nodePath(host)).removeNode();
                root.flush();
            }
        } catch (IOException | RuntimeException e) {
            warn(host, "could not remove its secrets from secure storage", e);
        }
    }

    /** Lets HOST be asked for its secrets again, after a cancelled question or a refused secret. */
    public void retry(Host host) {
        resting.remove(host.name());
    }

    /** Whether HOST is not asked for secrets now, after a cancelled question or a refused secret. */
    public boolean resting(Host host) {
        return resting.contains(host.name());
    }

    private void keep(Host host, String entry, char[] secret, boolean remember) {
        session.computeIfAbsent(host.name(), name -> new ConcurrentHashMap<>()).put(entry, secret.clone());
        if (!remember) {
            return;
        }
        try {
            ISecurePreferences root = storage.get();
            if (root == null) {
                throw new IllegalStateException("no secure storage");
            }
            ISecurePreferences node = root.node(nodePath(host));
            node.put(entry, new String(secret), true);
            node.flush();
        } catch (StorageException | IOException | RuntimeException e) {
            warn(host, "could not keep its secret in secure storage; it is kept for this session only", e);
        }
    }

    private char[] stored(Host host, String entry) {
        try {
            ISecurePreferences root = storage.get();
            if (root == null || !root.nodeExists(nodePath(host))) {
                return null;
            }
            String value = root.node(nodePath(host)).get(entry, null);
            return value == null ? null : value.toCharArray();
        } catch (StorageException | RuntimeException e) {
            warn(host, "could not read its secret from secure storage", e);
            return null;
        }
    }

    private void removeStored(Host host, String entry) {
        try {
            ISecurePreferences root = storage.get();
            if (root != null && root.nodeExists(nodePath(host))) {
                ISecurePreferences node = root.node(nodePath(host));
                node.remove(entry);
                node.flush();
            }
        } catch (IOException | RuntimeException e) {
            warn(host, "could not remove a refused secret from secure storage", e);
        }
    }

    /** The node of HOST; a slash in its name would otherwise start a child node. */
    static String nodePath(Host host) {
        return ROOT + "/" + EncodingUtils.encodeSlashes(host.name());
    }

    private static String entry(SecretQuestion question) {
        return question.kind() == SecretQuestion.Kind.PASSWORD ? PASSWORD
                : PASSPHRASE + EncodingUtils.encodeSlashes(question.subject());
    }

    private static String kind(SecretQuestion question) {
        return question.kind() == SecretQuestion.Kind.PASSWORD ? "password" : "key passphrase";
    }

    /** Logs a storage failure by its type only: a storage exception's message may quote what it was given. */
    private static void warn(Host host, String what, Exception e) {
        LOG.log(System.Logger.Level.WARNING, () -> host.name() + ": " + what + " (" + e.getClass().getSimpleName()
                + ")");
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
