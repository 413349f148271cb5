package org.flapjack.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real prosody (Debian's) on a free loopback port with its own config file and data directory in a temporary
 * folder: one virtual host, {@code localhost}, client connections without TLS and plain logins allowed. Accounts are
 * registered with prosodyctl before it starts. Stops and removes its folder in {@link #close()}.
 */
public final class Prosody implements AutoCloseable {

    /** The XMPP domain of the one virtual host. */
    public static final String DOMAIN = "localhost";

    private static final String HOST = "127.0.0.1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path folder;
    private final Path config;
    private final int port;
    private final Map<String, String> accounts;
    private Process process;

    private Prosody(Path folder, int port, Map<String, String> accounts) throws IOException {
        this.folder = folder;
        this.config = folder.resolve("prosody.cfg.lua");
        this.port = port;
        this.accounts = Map.copyOf(accounts);
        Files.createDirectories(folder.resolve("data"));
        Files.createDirectories(folder.resolve("certs"));
        Files.writeString(config, configText());
    }

    /** Starts prosody with these accounts (user name to password) registered on {@link #DOMAIN}. */
    public static Prosody start(Map<String, String> accounts) {
        requireProgram("prosody");
        requireProgram("prosodyctl");
        try {
            Prosody prosody = new Prosody(Files.createTempDirectory("prosody-"), FreePort.find(), accounts);
            for (Map.Entry<String, String> account : accounts.entrySet()) {
                prosody.register(account.getKey(), account.getValue());
            }
            prosody.launch();
            return prosody;
        } catch (IOException e) {
            throw new UncheckedIOException("prosody could not be started", e);
        }
    }

    /** The loopback address prosody listens on. */
    public String host() {
        return HOST;
    }

    /** The client port prosody listens on. */
    public int port() {
        return port;
    }

    /** The bare jid of a user on this server. */
    public String jid(String user) {
        return user + "@" + DOMAIN;
    }

    /** The {@code [xmpp-notifier]} settings that send as {@code user}, without TLS. */
    public Map<String, String> notifierSettings(String user) {
        Map<String, String> settings = new HashMap<>();
        settings.put("jid", jid(user));
        settings.put("password", accounts.get(user));
        settings.put("host", HOST);
        settings.put("port", Integer.toString(port));
        settings.put("tls", "off");
        settings.put("timeout", "5");
        return settings;
    }

    /** The data directory, where prosody keeps accounts and offline messages. */
    public Path dataDir() {
        return folder.resolve("data");
    }

    /** Stops prosody, as an outage would; {@link #restart()} starts it again on the same port and data. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping prosody", e);
            }
        }
    }

    /** Starts prosody again after {@link #stop()}. */
    public void restart() {
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("prosody could not be restarted on port " + port, e);
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder does no harm
        }
    }

    private String configText() {
        String dir = folder.toString();
        // Running as root is what CI does; prosody refuses unless told, and prosodyctl would switch users.
        return String.join("\n",
                "run_as_root = true",
                "prosody_user = \"" + System.getProperty("user.name") + "\"",
                "pidfile = \"" + dir + "/prosody.pid\"",
                "data_path = \"" + dir + "/data\"",
                "certificates = \"" + dir + "/certs\"",
                "interfaces = { \"" + HOST + "\" }",
                "c2s_ports = { " + port + " }",
                "c2s_interfaces = { \"" + HOST + "\" }",
                "c2s_direct_tls_ports = { }",
                "legacy_ssl_ports = { }",
                "s2s_ports = { }",
                "http_ports = { }",
                "https_ports = { }",
                "modules_enabled = { \"roster\", \"saslauth\", \"disco\", \"ping\", \"offline\", \"posix\" }",
                "modules_disabled = { \"s2s\", \"tls\", \"http\" }",
                "allow_unencrypted_plain_auth = true",
                "c2s_require_encryption = false",
                "authentication = \"internal_hashed\"",
                "log = { { levels = { min = \"info\" }, to = \"file\", filename = \"" + dir + "/prosody.log\" } }",
                "VirtualHost \"" + DOMAIN + "\"",
                "");
    }

    private void register(String user, String password) throws IOException {
        Process register = new ProcessBuilder("prosodyctl", "--config", config.toString(), "register", user, DOMAIN,
                password).redirectErrorStream(true).start();
        try {
            boolean ended = register.waitFor(30, TimeUnit.SECONDS);
            String output = new String(register.getInputStream().readAllBytes()).strip();
            if (!ended || register.exitValue() != 0) {
                register.destroyForcibly();
                throw new IOException("prosodyctl register " + user + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while registering " + user, e);
        }
    }

    private void launch() throws IOException {
        process = new ProcessBuilder("prosody", "--config", config.toString(), "-F").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("console.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("prosody on port " + port + " exited with " + process.exitValue() + ": "
                        + lastLines(folder.resolve("prosody.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 200);
                return;
            } catch (IOException e) {
                pause();
            }
        }
        throw new IOException("prosody on port " + port + " did not accept connections within " + START_TIMEOUT);
    }

    private static String lastLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "no log";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for prosody", e);
        }
    }

    private static void requireProgram(String name) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/sbin")
                .split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return;
            }
        }
        throw new IllegalStateException(name + " not found: apt-get install prosody");
    }
}
