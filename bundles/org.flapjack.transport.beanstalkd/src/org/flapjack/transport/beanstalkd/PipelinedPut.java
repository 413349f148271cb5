package org.flapjack.transport.beanstalkd;

import java.io.IOException;
import java.util.List;

import org.flapjack.core.transport.CallRefusedException;
import org.flapjack.core.transport.NewJob;
import org.flapjack.core.transport.TransportSession.PutProgress;

/**
 * Puts a list of jobs over one connection without waiting for each answer: commands go out in chunks, and the
 * answers of a chunk are read while the next chunk is on its way. Keeps its place, so after an outage it resumes on a
 * new connection with the first job not acknowledged. A job whose put went out but whose answer was lost with the
 * connection is put again, so an outage in the middle of a batch may double the jobs that were in flight.
 */
final class PipelinedPut {

    /** Small enough that a chunk's answers fit in the socket buffers while the next chunk goes out. */
    static final int CHUNK = 512;

    private final List<NewJob> jobs;

    private final PutProgress progress;

    private int acknowledged;

    PipelinedPut(List<NewJob> jobs, PutProgress progress) {
        this.jobs = jobs;
        this.progress = progress;
    }

    /** Puts the jobs not acknowledged yet and returns how many are acknowledged in all. */
    int resume(Connection connection) throws IOException {
        int sent = acknowledged;
        while (acknowledged < jobs.size()) {
            boolean stop = Thread.currentThread().isInterrupted();
            int chunkEnd = stop ? sent : Math.min(sent + CHUNK, jobs.size());
            for (int i = sent; i < chunkEnd; i++) {
                send(connection, jobs.get(i));
            }
            connection.flush();
            boolean last = stop || chunkEnd == jobs.size();
            acknowledgeUpTo(connection, last ? chunkEnd : sent);
            sent = chunkEnd;
            progress.progress(acknowledged, jobs.size());
            if (stop) {
                break;
            }
        }
        if (jobs.isEmpty()) {
            progress.progress(0, 0);
        }
        return acknowledged;
    }

    private static void send(Connection connection, NewJob job) throws IOException {
        connection.sendWithBody(Command.PUT, job.job().toJson(), job.priority(), job.delay().toSeconds(),
            job.timeToRun().toSeconds());
    }

    private void acknowledgeUpTo(Connection connection, int end) throws IOException {
        while (acknowledged < end) {
            try {
                connection.receive(Command.PUT);
            } catch (CallRefusedException e) {
                // The answers of the jobs sent after the refused one are still on their way.
                connection.outOfStep();
                throw e;
            }
            acknowledged++;
        }
    }
}
