package org.flapjack.processes;

import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.session.ClientSession;

/**
 * Answers a server that asks for a password with the secret the {@link PasswordCallback} supplies: once per
 * connection, so a wrong password is not sent again and again.
 */
final class PasswordInteraction implements UserInteraction {

    private final SecretQuestion question;

    private final PasswordCallback passwords;

    private boolean asked;

    private boolean supplied;

    PasswordInteraction(Host host, PasswordCallback passwords) {
        this.question = new SecretQuestion(host, SecretQuestion.Kind.PASSWORD, host.login());
        this.passwords = passwords;
    }

    /** Always: a callback that gives no password makes the login fail as "no password given". */
    @Override
    public boolean isInteractionAllowed(ClientSession session) {
        return true;
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

    /** Whether the callback was asked and gave no password: the operator declined. */
    synchronized boolean declined() {
        return asked && !supplied;
    }

    /** After a failed login: tells the callback that the password it gave was wrong, when it gave one. */
    synchronized void reportRefused() {
        if (supplied) {
            passwords.refused(question);
        }
    }

    private synchronized String password() {
        if (asked) {
            return null;
        }
        asked = true;
        char[] secret = passwords.secret(question);
        supplied = secret != null;
        return secret == null ? null : new String(secret);
    }
}
