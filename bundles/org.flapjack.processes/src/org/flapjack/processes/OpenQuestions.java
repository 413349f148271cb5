package org.flapjack.processes;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes a login's questions on to the operator's {@link PasswordCallback} and notes when one was last open, so that
 * the login's timeout does not run out while the operator types a password or a passphrase.
 */
final class OpenQuestions implements PasswordCallback {

    private final PasswordCallback passwords;

    private final AtomicInteger open = new AtomicInteger();

    private volatile long lastOpen = System.nanoTime();

    private volatile boolean asked;

    OpenQuestions(PasswordCallback passwords) {
        this.passwords = passwords;
    }

    @Override
    public char[] secret(SecretQuestion question) {
        asked = true;
        open.incrementAndGet();
        lastOpen = System.nanoTime();
        try {
            return passwords.secret(question);
        } finally {
            lastOpen = System.nanoTime();
            open.decrementAndGet();
        }
    }

    @Override
    public void refused(SecretQuestion question) {
        passwords.refused(question);
    }

    /** Whether a question is open now, or was within the last {@code period}: the login is waiting for the operator. */
    boolean openWithin(Duration period) {
        return asked && (open.get() > 0 || System.nanoTime() - lastOpen < period.toNanos());
    }
}
