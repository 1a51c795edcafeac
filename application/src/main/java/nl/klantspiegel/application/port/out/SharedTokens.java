package nl.klantspiegel.application.port.out;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The token store every node shares, read without claiming anything: where each segment of a projection stands and
 * which node processes it. (Axon's {@link TokenStore} hands out a token only with its claim.)
 */
public interface SharedTokens {

    /** After how long a claim that its owner stopped extending may be taken by another node. */
    Duration claimTimeout();

    /** Every segment of a processor as stored, by segment id; empty when it has none yet. */
    Map<Integer, StoredSegment> segments(String processor);

    /** Every segment of every processor, by processor name and segment id. */
    Map<String, Map<Integer, StoredSegment>> all();

    /**
     * Which of these event positions hold a stored event: a gap in a token below the head is an event not handled yet
     * only if it does.
     */
    Set<Long> written(Collection<Long> positions);

    /**
     * Frees a segment's claim held by {@code owner} that was last taken or extended at {@code claimedAt}, as if its
     * owner had released it: for the claims of a node that stopped beating, so that a live node takes them over without
     * waiting for the claim timeout. Changes nothing when the claim has moved on since (extended, released or taken).
     *
     * @return whether it was freed
     */
    boolean free(String processor, int segment, String owner, Instant claimedAt);

    /**
     * The token store for a claimant of its own name ({@code owner}), beside this node's processors: what claims the
     * live segments of a projection while a rebuild switches, so that no node's processor handles them meanwhile.
     */
    TokenStore claimant(String owner);

    /**
     * One segment as stored.
     *
     * @param token     its position ({@code null} before its first event)
     * @param owner     who holds its claim ({@code null} when released)
     * @param claimedAt when its claim was last taken or extended
     */
    record StoredSegment(TrackingToken token, String owner, Instant claimedAt) {
    }
}
