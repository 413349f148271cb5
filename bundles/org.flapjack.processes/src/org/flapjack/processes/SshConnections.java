package org.flapjack.processes;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.apache.sshd.client.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;

/**
 * The SSH sessions to remote hosts, one per host, opened on first use and kept while open. A host logs in either
 * with keys (the SSH agent's first, when one runs, then the host's key file and the user's {@code ~/.ssh/id_*}) or
 * with a password, as its {@link Authentication} says; never both, so a key host never asks for a password. Host
 * keys are checked against a known_hosts file, and a new or changed key is put to the {@link HostKeyCallback}.
 */
final class SshConnections implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SshConnections.class.getName());

    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private static final List<UserAuthFactory> KEY_LOGIN = List.of(UserAuthPublicKeyFactory.INSTANCE);

    private static final List<UserAuthFactory> PASSWORD_LOGIN = List.of(UserAuthPasswordFactory.INSTANCE,
        UserAuthKeyboardInteractiveFactory.INSTANCE);

    private static final String AUTHENTICATION_FAILED = "authentication failed for ";

    /** Why this session's host key was refused, for the one-line error. */
    private static final AttributeKey<String> REFUSAL = new AttributeKey<>();

    /** The host a session was opened for, for the callbacks. */
    private static final AttributeKey<Host> HOST = new AttributeKey<>();

    private final Path knownHosts;

    private final HostKeyCallback hostKeys;

    private final PasswordCallback passwords;

    private final Duration timeout;

    private final Path agentSocket;

    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();

    /** One lock per login, so that a host that is slow to answer, or waits for its password, holds up no other. */
    private final Map<String, Object> logins = new ConcurrentHashMap<>();

    /** Host keys refused by remote address, until the failed connection to that address reports. */
    private final Map<SocketAddress, String> refusals = new ConcurrentHashMap<>();

    private SshClient client;

    /** Connections that also offer the keys of the SSH agent at {@code agentSocket}, unless it is null. */
    SshConnections(Path knownHosts, HostKeyCallback hostKeys, PasswordCallback passwords, Duration timeout,
            Path agentSocket) {
        this.knownHosts = knownHosts;
        this.hostKeys = hostKeys;
        this.passwords = passwords;
        this.timeout = timeout;
        this.agentSocket = agentSocket;
    }

    /** The open session to {@code host}, connecting and authenticating first when there is none. */
    ClientSession session(Host host) {
        String key = host.login();
        synchronized (logins.computeIfAbsent(key, login -> new Object())) {
            ClientSession session = sessions.get(key);
            if (session != null && session.isOpen() && session.isAuthenticated()) {
                return session;
            }
            ClientSession opened = connect(host);
            sessions.put(key, opened);
            return opened;
        }
    }

    /** Forgets the session to {@code host} after it failed or the host changed, so the next command connects afresh. */
    void drop(Host host) {
        ClientSession session = sessions.remove(host.login());
        if (session != null) {
            session.close(true);
        }
    }

    private ClientSession connect(Host host) {
        SshClient started = client();
        ClientSession session = open(started, host);
        OpenQuestions questions = new OpenQuestions(passwords);
        PasswordInteraction interaction = null;
        try {
            session.setAttribute(HOST, host);
            if (host.authentication() == Authentication.PASSWORD) {
                interaction = new PasswordInteraction(host, questions);
                session.setUserAuthFactories(PASSWORD_LOGIN);
                session.setUserInteraction(interaction);
            } else {
                session.setUserAuthFactories(KEY_LOGIN);
                session.setKeyIdentityProvider(keys(host, questions));
            }
            authenticate(session, questions);
            LOG.log(System.Logger.Level.INFO, () -> "connected to " + host.login());
            return session;
        } catch (IOException | RuntimeException e) {
            String refusal = refusal(session);
            session.close(true);
            if (refusal != null) {
                throw new HostException(host.endpoint() + ": " + refusal, e);
            }
            throw new HostException(host.endpoint() + ": " + loginFailure(e, host, interaction), e);
        }
    }

    /** Waits for the login, for as long as the operator answers a question in it and {@code timeout} more. */
    private void authenticate(ClientSession session, OpenQuestions questions) throws IOException {
        AuthFuture auth = session.auth();
        while (!auth.await(timeout)) {
            if (!questions.openWithin(timeout)) {
                throw new SocketTimeoutException("no login within " + timeout.toSeconds() + " s");
            }
        }
        auth.verify(timeout);
    }

    /** Why a login failed; a password that was given and refused is reported to the callback. */
    private static String loginFailure(Exception failure, Host host, PasswordInteraction interaction) {
        String reason = reason(failure, host);
        if (interaction == null || !reason.startsWith(AUTHENTICATION_FAILED)) {
            return reason;
        }
        if (interaction.declined()) {
            return "no password given for " + host.user();
        }
        interaction.reportRefused();
        return reason;
    }

    private ClientSession open(SshClient started, Host host) {
        try {
            ConnectFuture future = started.connect(host.user(), host.address(), host.port());
            if (!future.await(timeout)) {
                future.cancel();
                throw new HostException(host.endpoint() + ": timed out");
            }
            if (future.getException() != null) {
                String refusal = refusals.remove(new InetSocketAddress(host.address(), host.port()));
                throw new HostException(host.endpoint() + ": " + (refusal != null ? refusal
                    : reason(future.getException(), host)), future.getException());
            }
            return future.getSession();
        } catch (IOException e) {
            throw new HostException(host.endpoint() + ": " + reason(e, host), e);
        }
    }

    /**
     * Why the host key of SESSION was refused, or null. The key exchange may fail while the connection is still being
     * made, before the session is handed out, so refusals are also kept by remote address.
     */
    private String refusal(ClientSession session) {
        String refusal = session.getAttribute(REFUSAL);
        String recorded = session.getRemoteAddress() == null ? null : refusals.remove(session.getRemoteAddress());
        return refusal != null ? refusal : recorded;
    }

    private void refuse(ClientSession session, SocketAddress remote, String refusal) {
        session.setAttribute(REFUSAL, refusal);
        if (remote != null) {
            refusals.put(remote, refusal);
        }
    }

    /** The reason of a failed connection or login, as the end of a one-line error. */
    private static String reason(Throwable failure, Host host) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof SocketTimeoutException || String.valueOf(cause.getMessage()).contains("timeout")) {
                return "timed out";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (cause instanceof NoRouteToHostException) {
                return "no route to host";
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("No more authentication methods") || message.contains("authentication")) {
                return AUTHENTICATION_FAILED + host.user();
            }
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    private FileKeyPairProvider keys(Host host, PasswordCallback passphrases) {
        List<Path> files = new ArrayList<>();
        if (host.keyFile() != null) {
            files.add(Path.of(host.keyFile().replaceFirst("^~", System.getProperty("user.home"))));
        }
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        DEFAULT_KEYS.stream().map(ssh::resolve).filter(Files::isReadable).forEach(files::add);
        FileKeyPairProvider provider = new FileKeyPairProvider(files);
        provider.setPasswordFinder(new KeyPassphrase(host, passphrases));
        return provider;
    }

    private synchronized SshClient client() {
        if (client == null) {
            client = SshClient.setUpDefaultClient();
            if (agentSocket != null) {
                client.setAgentFactory(new UnixSocketAgentFactory(agentSocket));
            }
            KnownHostsServerKeyVerifier verifier = new KnownHostsServerKeyVerifier(unknownKeys(), knownHosts) {
                @Override
                public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote,
                        KnownHostEntry entry, PublicKey expected, PublicKey actual) throws Exception {
                    return acceptChangedKey(session, remote, expected, actual);
                }
            };
            client.setServerKeyVerifier(verifier);
            client.start();
        }
        return client;
    }

    private ServerKeyVerifier unknownKeys() {
        return (session, remote, key) -> {
            Host host = session.getAttribute(HOST);
            if (host == null) {
                host = Host.remote(remote.toString(), remote.toString(), 22, null, null, "", null);
            }
            boolean accepted = hostKeys.accept(new HostKeyQuestion(host, KeyUtils.getFingerPrint(key), null));
            if (accepted) {
                createKnownHostsFolder();
            } else {
                refuse(session, remote, "host key " + KeyUtils.getFingerPrint(key) + " refused");
            }
            return accepted;
        };
    }

    private boolean acceptChangedKey(ClientSession session, SocketAddress remote, PublicKey expected,
            PublicKey actual) {
        Host host = session.getAttribute(HOST);
        String was = KeyUtils.getFingerPrint(expected);
        String now = KeyUtils.getFingerPrint(actual);
        boolean accepted = host != null && hostKeys.accept(new HostKeyQuestion(host, now, was));
        if (!accepted) {
            refuse(session, remote, "host key changed (was " + was + ", now " + now + ")");
            LOG.log(System.Logger.Level.WARNING, () -> "refused the changed host key of " + session.getRemoteAddress()
                + ": was " + was + ", now " + now);
        }
        return accepted;
    }

    private void createKnownHostsFolder() {
        try {
            Files.createDirectories(knownHosts.toAbsolutePath().getParent());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "cannot create the folder of " + knownHosts + ": " + e);
        }
    }

    @Override
    public synchronized void close() {
        sessions.values().forEach(session -> session.close(true));
        sessions.clear();
        if (client != null) {
            client.stop();
            client = null;
        }
    }
}
