package org.flapjack.core.transport;

/**
 * The jobs a tube holds right now, by state.
 *
 * @param tube the tube's name
 * @param ready jobs waiting to be reserved
 * @param delayed jobs waiting for their delay to pass
 * @param reserved jobs a worker holds
 * @param buried jobs put aside
 */
public record TubeStats(String tube, long ready, long delayed, long reserved, long buried) {

    /** All the jobs the tube holds now: ready, delayed, reserved and buried. */
    public long total() {
        return ready + delayed + reserved + buried;
    }
}
