package org.flapjack.processes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/** Runs commands on a remote host over the SSH session {@link SshConnections} keeps for it. */
final class SshShell implements Shell {

    private static final System.Logger LOG = System.getLogger(SshShell.class.getName());

    private final Host host;

    private final SshConnections connections;

    SshShell(Host host, SshConnections connections) {
        this.host = host;
        this.connections = connections;
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) {
        String line = commandLine(command);
        LOG.log(System.Logger.Level.DEBUG, () -> host.name() + ": running " + line);
        ClientSession session = connections.session(host);
        try (ChannelExec channel = session.createExecChannel(line)) {
            CappedOutput output = new CappedOutput(OUTPUT_LIMIT);
            channel.setIn(new ByteArrayInputStream(new byte[0]));
            channel.setOut(output);
            channel.setErr(output);
            channel.open().verify(timeout);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new HostException(host.endpoint() + ": " + command.get(0) + " timed out after "
                    + timeout.toSeconds() + " s");
            }
            Integer status = channel.getExitStatus();
            return new CommandResult(status == null ? 255 : status, output.text());
        } catch (IOException e) {
            connections.drop(host);
            throw new HostException(host.endpoint() + ": lost the connection: " + e.getMessage(), e);
        }
    }

    /** The command as one line for the remote shell, each word single-quoted so nothing in it is interpreted. */
    static String commandLine(List<String> command) {
        return command.stream().map(SshShell::quote).collect(Collectors.joining(" ")) + " </dev/null";
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
