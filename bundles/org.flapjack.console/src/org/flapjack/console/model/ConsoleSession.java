package org.flapjack.console.model;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.e4.core.di.annotations.Creatable;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.persistence.PersistenceBackends;
import org.flapjack.core.transport.Transport;
import org.flapjack.persistence.sql.SqlPersistenceProvider;
import org.flapjack.transport.beanstalkd.BeanstalkdProvider;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * What the console's parts share: the settings, the store and the queue server they name (opened on first use and
 * again after the settings change), and the checks document being edited.
 */
@Creatable
@Singleton
public final class ConsoleSession implements AutoCloseable {

    private final Supplier<ConsoleSettings> source;
    private final Supplier<String> passwords;
    private final ChecksDocument document = new ChecksDocument();
    private final ChecksSave checksSave = new ChecksSave(document, this::persistence);

    private ConsoleSettings settings;
    private Persistence persistence;
    private Transport transport;

    /** A session on the settings stored in the preferences. */
    @Inject
    public ConsoleSession() {
        this(ConsolePreferences::load, ConsolePreferences::password);
    }

    /** A session on the settings SOURCE gives, asked again by {@link #reload()}, with no stored password. */
    public ConsoleSession(Supplier<ConsoleSettings> source) {
        this(source, () -> "");
    }

    /** A session on SOURCE's settings; PASSWORDS is asked when the store's uri names a user without one. */
    public ConsoleSession(Supplier<ConsoleSettings> source, Supplier<String> passwords) {
        this.source = source;
        this.passwords = passwords;
        this.settings = source.get();
    }

    public synchronized ConsoleSettings settings() {
        return settings;
    }

    /** The store the settings name, opened now if needed; slow on first use, so call it off the UI thread. */
    public synchronized Persistence persistence() {
        if (persistence == null) {
            ConsoleSettings opening = settings.needsPassword() ? settings.withPassword(passwords.get()) : settings;
            persistence = PersistenceBackends.open(opening.persistenceSettings(),
                    List.of(new SqlPersistenceProvider()));
        }
        return persistence;
    }

    /** The beanstalkd transport the settings name; connections are made by the sessions opened on it. */
    public synchronized Transport transport() {
        if (transport == null) {
            transport = new BeanstalkdProvider().open(settings.transportSettings());
        }
        return transport;
    }

    /** The checks being edited; use it from the UI thread only. */
    public ChecksDocument document() {
        return document;
    }

    /** Saves the checks document's changes in a Job; see {@link ChecksSave}. */
    public ChecksSave checksSave() {
        return checksSave;
    }

    /**
     * Reads the settings again and closes the store and transport, to be opened anew on their next use. A save that
     * runs ends first, in the store it began with.
     */
    public void reload() {
        checksSave.awaitEnd();
        synchronized (this) {
            closeConnections();
            settings = source.get();
        }
    }

    /** Closes the store and the transport, once a save that runs has ended. */
    @Override
    public void close() {
        checksSave.awaitEnd();
        synchronized (this) {
            closeConnections();
        }
    }

    private void closeConnections() {
        if (persistence != null) {
            persistence.close();
            persistence = null;
        }
        if (transport != null) {
            transport.close();
            transport = null;
        }
    }
}
