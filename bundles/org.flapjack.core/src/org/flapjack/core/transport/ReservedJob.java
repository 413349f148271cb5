package org.flapjack.core.transport;

/**
 * A job this session reserved; release, touch, bury or delete it by {@code id} through the same session.
 *
 * @param id the queue server's id of the job
 * @param job the job's document
 */
public record ReservedJob(long id, JobDocument job) {
}
