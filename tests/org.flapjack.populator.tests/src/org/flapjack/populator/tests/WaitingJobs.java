package org.flapjack.populator.tests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.flapjack.core.transport.JobDocument;
import org.flapjack.core.transport.ReservedJob;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.core.transport.UnreadableDocumentException;

/** Reads the ready jobs of the jobs tube by reserving them all on a session of its own; closing it gives them back. */
final class WaitingJobs {

    private WaitingJobs() {
    }

    static List<JobDocument> ready(Transport transport) throws UnreadableDocumentException {
        List<JobDocument> jobs = new ArrayList<>();
        try (TransportSession reader = transport.openSession()) {
            Optional<ReservedJob> job;
            while ((job = reader.reserveJob(Duration.ZERO)).isPresent()) {
                jobs.add(job.get().job());
            }
        }
        return jobs;
    }
}
