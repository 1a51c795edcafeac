package nl.klantspiegel.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Work that the installation does once, however many nodes start at the same moment (the demo organisation, say): a
 * node claims it in the shared database, one atomic step, and renews its claim while it works. A claim that has not
 * been renewed for a while is taken to be left by a node that stopped, so the work is not blocked forever.
 */
public interface OneTimeTasks {

    /**
     * Claims a task for a node.
     *
     * @param staleAfter how long a claim may go without renewal before another node takes it over
     */
    Claim claim(String task, String node, Instant now, Duration staleAfter);

    /** Still working: renews the claim. False when the claim is no longer this node's (another node took it over). */
    boolean renew(String task, String node, Instant now);

    /** The task is done; nobody does it again. */
    void finish(String task, String node, Instant now);

    /** The node stops before the task is done: another node (or the next start) may take it over at once. */
    void abandon(String task, String node);

    /** Who holds the claim of a task, if anybody. */
    Optional<Holder> holder(String task);

    enum Claim {
        /** Nobody had claimed it: this node does it. */
        CLAIMED,
        /** Another node claimed it and stopped before it was done: this node does it now. */
        TAKEN_OVER,
        /** Another node is doing it. */
        BUSY_ELSEWHERE,
        /** It was done. */
        DONE
    }

    record Holder(String node, Instant claimedAt, Instant renewedAt, boolean done) {
    }
}
