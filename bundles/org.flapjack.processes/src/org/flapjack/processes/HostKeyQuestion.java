package org.flapjack.processes;

/**
 * A host key the operator has to decide on.
 *
 * @param host the host being connected to
 * @param fingerprint the SHA-256 fingerprint of the key the host shows now
 * @param knownFingerprint the fingerprint known_hosts holds for the host, or null when the host is new
 */
public record HostKeyQuestion(Host host, String fingerprint, String knownFingerprint) {

    /** Whether known_hosts held another key for this host: a changed key may mean someone is in between. */
    public boolean changed() {
        return knownFingerprint != null;
    }
}
