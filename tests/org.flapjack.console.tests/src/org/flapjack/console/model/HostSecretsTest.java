package org.flapjack.console.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.flapjack.processes.Host;
import org.flapjack.processes.SecretQuestion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSecretsTest {

    @TempDir
    Path folder;

    private ISecurePreferences storage;

    private final List<SecretQuestion> asked = new CopyOnWriteArrayList<>();

    private final Host host = Host.remote("db/1", "db1.example.org", 22, "ops", null, "/opt/flapjack", null);

    private final SecretQuestion password = new SecretQuestion(host, SecretQuestion.Kind.PASSWORD, host.login());

    @BeforeEach
    void openStorage() throws Exception {
        storage = SecurePreferencesFactory.open(folder.resolve("secure_storage").toUri().toURL(),
                Map.of(IProviderHints.PROMPT_USER, false, IProviderHints.DEFAULT_PASSWORD,
                        new PBEKeySpec("test master password".toCharArray())));
    }

    @Test
    void aRememberedPasswordIsKeptInSecureStorageAndNotAskedAgain() throws Exception {
        secrets("s3cret", true).secret(password);

        char[] later = secrets(null, false).secret(password);

        assertArrayEquals("s3cret".toCharArray(), later);
        assertEquals(1, asked.size());
        assertEquals("s3cret", storage.node(HostSecrets.nodePath(host)).get(HostSecrets.PASSWORD, null));
        assertTrue(HostSecrets.nodePath(host).endsWith("/db\\2f1"), HostSecrets.nodePath(host));
    }

    @Test
    void aPasswordNotRememberedLastsForTheSessionOnly() {
        HostSecrets session = secrets("s3cret", false);
        session.secret(password);

        assertArrayEquals("s3cret".toCharArray(), session.secret(password));
        assertNull(secrets(null, false).secret(password));
        assertFalse(storage.nodeExists(HostSecrets.nodePath(host)));
    }

    @Test
    void aRefusedPasswordIsForgottenAndNotAskedAgainUntilRetry() throws Exception {
        HostSecrets secrets = secrets("wrong", true);
        secrets.secret(password);

        secrets.refused(password);

        assertNull(storage.node(HostSecrets.nodePath(host)).get(HostSecrets.PASSWORD, null));
        assertNull(secrets.secret(password));
        assertEquals(1, asked.size());
        secrets.retry(host);
        assertArrayEquals("wrong".toCharArray(), secrets.secret(password));
        assertEquals(2, asked.size());
    }

    @Test
    void aCancelledQuestionIsNotAskedAgainUntilRetry() {
        HostSecrets secrets = secrets(null, false);

        secrets.secret(password);
        secrets.secret(password);

        assertEquals(1, asked.size());
        assertTrue(secrets.resting(host));
    }

    @Test
    void forgettingAHostRemovesItsNode() throws Exception {
        HostSecrets secrets = secrets("s3cret", true);
        secrets.secret(password);

        secrets.forget(host);

        assertFalse(storage.nodeExists(HostSecrets.nodePath(host)));
        secrets.secret(password);
        assertEquals(2, asked.size(), "a forgotten password was not asked again");
    }

    @Test
    void aKeyPassphraseIsRememberedForItsKeyFileBesideThePassword() throws Exception {
        SecretQuestion passphrase = new SecretQuestion(host, SecretQuestion.Kind.PASSPHRASE, "/home/ops/.ssh/id_rsa");
        secrets("s3cret", true).secret(password);
        secrets("open sesame", true).secret(passphrase);

        HostSecrets later = secrets(null, false);

        assertArrayEquals("open sesame".toCharArray(), later.secret(passphrase));
        assertArrayEquals("s3cret".toCharArray(), later.secret(password));
        assertEquals(2, asked.size());
    }

    private HostSecrets secrets(String answer, boolean remember) {
        return new HostSecrets(() -> storage, question -> {
            asked.add(question);
            return answer == null ? null : new HostSecrets.Answer(answer.toCharArray(), remember);
        });
    }
}
