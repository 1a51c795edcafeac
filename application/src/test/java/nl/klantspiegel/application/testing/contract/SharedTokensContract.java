package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.out.SharedTokens;
import nl.klantspiegel.application.port.out.SharedTokens.StoredSegment;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link SharedTokens} promises, held to the MongoDB adapter and the in-memory fake alike, beside the token
 * stores the nodes' processors write it with: every segment is read with its position and owner without taking a
 * claim; every processor at once; the positions that hold an event; a claimant of its own name holds segments against
 * every node; a stopped node's claim is freed only as it was read, and then taken by another node at once. The claim
 * timeout is 10 s.
 */
public abstract class SharedTokensContract {

    /** The shared store and what the nodes write it with. */
    protected interface Store {
        SharedTokens shared();

        /** The token store of node {@code name}, as its processors use it (claims under that name). */
        TokenStore node(String name);

        /** Events are stored at these positions. */
        void storeEventsAt(long... positions);
    }

    private Store store;
    private SharedTokens shared;
    private TokenStore nodeA;

    /** A new, empty store (claim timeout 10 s). */
    protected abstract Store newStore();

    @BeforeEach
    void emptyStore() {
        store = newStore();
        shared = store.shared();
        nodeA = store.node("node-a");
    }

    @Test
    void every_segment_is_read_with_its_position_and_owner_without_claiming_it() {
        nodeA.initializeTokenSegments("answer-changes", 2);
        GapAwareTrackingToken position = GapAwareTrackingToken.newInstance(41, Set.of(30L, 39L));
        nodeA.fetchToken("answer-changes", 0);
        nodeA.storeToken(position, "answer-changes", 0);
        Instant before = Instant.now();

        Map<Integer, StoredSegment> segments = shared.segments("answer-changes");

        assertThat(segments).containsOnlyKeys(0, 1);
        assertThat(segments.get(0).token()).isEqualTo(position);
        assertThat(segments.get(0).owner()).isEqualTo("node-a");
        assertThat(segments.get(0).claimedAt()).isBetween(before.minusSeconds(5), before);
        assertThat(segments.get(1)).isEqualTo(new StoredSegment(null, null, segments.get(1).claimedAt()));
        assertThat(shared.segments("reports")).isEmpty();
        nodeA.extendClaim("answer-changes", 0); // still node-a's: reading took nothing
        assertThat(shared.segments("answer-changes").get(0).owner()).isEqualTo("node-a");
        assertThatThrownBy(() -> store.node("node-b").fetchToken("answer-changes", 0))
                .isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void every_processor_is_read_at_once_also_a_replay() {
        nodeA.initializeTokenSegments("reports", 1);
        nodeA.initializeTokenSegments("audit-trail", 1);
        var replay = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(90, Set.of()),
                GapAwareTrackingToken.newInstance(10, Set.of()));
        nodeA.fetchToken("reports", 0);
        nodeA.storeToken(replay, "reports", 0);
        nodeA.releaseClaim("reports", 0);

        Map<String, Map<Integer, StoredSegment>> all = shared.all();

        assertThat(all).containsOnlyKeys("reports", "audit-trail");
        assertThat(all.get("reports").get(0).token()).isEqualTo(replay);
        assertThat(all.get("reports").get(0).owner()).as("released").isNull();
        assertThat(all.get("audit-trail")).containsOnlyKeys(0);
    }

    @Test
    void it_says_its_claim_timeout() {
        assertThat(shared.claimTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
    }

    @Test
    void the_positions_that_hold_an_event_are_found() {
        store.storeEventsAt(3, 5, 8);

        assertThat(shared.written(List.of(2L, 3L, 4L, 5L))).containsExactlyInAnyOrder(3L, 5L);
        assertThat(shared.written(List.of())).isEmpty();
    }

    @Test
    void a_claimant_of_its_own_name_holds_segments_against_every_node_until_it_releases_them() {
        nodeA.initializeTokenSegments("reports", 1);
        nodeA.fetchToken("reports", 0);
        TokenStore switcher = shared.claimant("node-b#switch");

        assertThatThrownBy(() -> switcher.fetchToken("reports", 0)).isInstanceOf(UnableToClaimTokenException.class);
        nodeA.releaseClaim("reports", 0);
        switcher.fetchToken("reports", 0);

        assertThat(shared.segments("reports").get(0).owner()).isEqualTo("node-b#switch");
        assertThatThrownBy(() -> nodeA.fetchToken("reports", 0)).isInstanceOf(UnableToClaimTokenException.class);
        switcher.extendClaim("reports", 0);
        switcher.releaseClaim("reports", 0);
        nodeA.fetchToken("reports", 0);
        assertThat(shared.segments("reports").get(0).owner()).isEqualTo("node-a");
    }

    @Test
    void a_stopped_nodes_claim_is_freed_only_as_it_was_read_and_then_taken_over_at_once() {
        nodeA.initializeTokenSegments("audit-trail", 1);
        nodeA.fetchToken("audit-trail", 0);
        StoredSegment read = shared.segments("audit-trail").get(0);
        TokenStore nodeB = store.node("node-b");

        assertThat(shared.free("audit-trail", 0, "node-b", read.claimedAt())).as("not its owner").isFalse();
        assertThat(shared.free("audit-trail", 0, "node-a", read.claimedAt().minusMillis(1)))
                .as("extended since it was read").isFalse();
        assertThat(shared.free("reports", 0, "node-a", read.claimedAt())).as("no such segment").isFalse();
        assertThatThrownBy(() -> nodeB.fetchToken("audit-trail", 0)).isInstanceOf(UnableToClaimTokenException.class);

        assertThat(shared.free("audit-trail", 0, "node-a", read.claimedAt())).isTrue();

        assertThat(shared.segments("audit-trail").get(0).owner()).isNull();
        nodeB.fetchToken("audit-trail", 0);
        assertThat(shared.segments("audit-trail").get(0).owner()).isEqualTo("node-b");
        assertThatThrownBy(() -> nodeA.extendClaim("audit-trail", 0)).as("node-a, back, has lost it")
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThat(shared.free("audit-trail", 0, "node-a", read.claimedAt())).as("taken meanwhile").isFalse();
    }
}
