package nl.klantspiegel.application.port.out;

/**
 * What making writes durable has cost the store since it started: how many commits it forced to disk, the time they
 * took (waiting for the disk included) and the CPU time of the threads that made them. The embedded database reports
 * it (its group commits); a MongoDB of one's own makes writes durable by its write concern and has no such figure.
 * Read for the metrics only ({@code klantspiegel.store.commit}, {@code klantspiegel.store.commit.cpu}), which the
 * product benchmark reads to tell how much of an answer's cost is the commit.
 */
public interface DurableCommits {

    /** Commits forced to disk: for writers about to acknowledge, and on the timer. */
    long commits();

    /** Nanoseconds spent in those commits, from the start of the commit until the disk had it. */
    long commitNanos();

    /** CPU nanoseconds of the committing threads during those commits (0 where the JVM cannot tell). */
    long commitCpuNanos();
}
