package org.flapjack.processes;

import java.io.IOException;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.session.SessionContext;

/**
 * Asks for the passphrase of an encrypted key once; a key that cannot be opened is skipped, not fatal, and a
 * passphrase that did not open it is reported refused.
 */
final class KeyPassphrase implements FilePasswordProvider {

    private final Host host;

    private final PasswordCallback passwords;

    KeyPassphrase(Host host, PasswordCallback passwords) {
        this.host = host;
        this.passwords = passwords;
    }

    @Override
    public String getPassword(SessionContext session, NamedResource key, int retryIndex) throws IOException {
        char[] secret = passwords.secret(question(key));
        return secret == null ? null : new String(secret);
    }

    @Override
    public ResourceDecodeResult handleDecodeAttemptResult(SessionContext session, NamedResource key, int retryIndex,
            String password, Exception failure) {
        if (failure == null) {
            return ResourceDecodeResult.TERMINATE;
        }
        if (password != null) {
            passwords.refused(question(key));
        }
        return ResourceDecodeResult.IGNORE;
    }

    private SecretQuestion question(NamedResource key) {
        return new SecretQuestion(host, SecretQuestion.Kind.PASSPHRASE, key.getName());
    }
}
