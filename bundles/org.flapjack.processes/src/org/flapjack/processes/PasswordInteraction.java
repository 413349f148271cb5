package org.flapjack.processes;

import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.session.ClientSession;

/**
 * Answers a server that asks for a password, after the keys were refused, with the secret the
 * {@link PasswordCallback} supplies: once per connection, so a wrong password is not sent again and again.
 */
final class PasswordInteraction implements UserInteraction {

    private final Host host;

    private final PasswordCallback passwords;

    private boolean asked;

    PasswordInteraction(Host host, PasswordCallback passwords) {
        this.host = host;
        this.passwords = passwords;
    }

    @Override
    public boolean isInteractionAllowed(ClientSession session) {
        return passwords != PasswordCallback.NONE;
    }

    @Override
    public String[] interactive(ClientSession session, String name, String instruction, String lang,
            String[] prompts, boolean[] echo) {
        if (prompts.length != 1 || echo[0]) {
            return null;
        }
        String password = password();
        return password == null ? null : new String[] {password};
    }

    @Override
    public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
        return null;
    }

    @Override
    public String resolveAuthPasswordAttempt(ClientSession session) {
        return password();
    }

    private synchronized String password() {
        if (asked) {
            return null;
        }
        asked = true;
        char[] secret = passwords.secret(host, "password for " + host.user() + "@" + host.endpoint());
        return secret == null ? null : new String(secret);
    }
}
