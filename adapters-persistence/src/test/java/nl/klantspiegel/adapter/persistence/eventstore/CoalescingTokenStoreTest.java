package nl.klantspiegel.adapter.persistence.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The node's token store keeping back the positions of ignored batches, against a clock of its own. */
class CoalescingTokenStoreTest {

    static final String REPORTS = "reports";
    static final long SECOND = Duration.ofSeconds(1).toNanos();

    final AtomicLong now = new AtomicLong(1_000 * SECOND);
    final List<String> writes = new ArrayList<>();
    final InMemoryTokenStore memory = new InMemoryTokenStore();
    boolean claimLost;
    final TokenStore recording = new TokenStore() {
        @Override
        public void storeToken(TrackingToken token, String processor, int segment) {
            if (claimLost) {
                throw new UnableToClaimTokenException("owned by another node");
            }
            writes.add(processor + "[" + segment + "]=" + token.position().orElse(-1));
            memory.storeToken(token, processor, segment);
        }

        @Override
        public TrackingToken fetchToken(String processor, int segment) {
            return memory.fetchToken(processor, segment);
        }

        @Override
        public void extendClaim(String processor, int segment) {
            writes.add("extend " + processor + "[" + segment + "]");
        }

        @Override
        public void releaseClaim(String processor, int segment) {
            writes.add("release " + processor + "[" + segment + "]");
        }

        @Override
        public void initializeTokenSegments(String processor, int count, TrackingToken initial) {
            memory.initializeTokenSegments(processor, count, initial);
        }

        @Override
        public int[] fetchSegments(String processor) {
            return memory.fetchSegments(processor);
        }
    };
    final CoalescingTokenStore store = new CoalescingTokenStore(recording, Duration.ofSeconds(1), now::get);

    static TrackingToken at(long position) {
        return GapAwareTrackingToken.newInstance(position, java.util.Set.of());
    }

    void later(long nanos) {
        now.addAndGet(nanos);
    }

    @AfterEach
    void noUnitOfWorkLeft() {
        assertThat(org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()).isFalse();
    }

    TokenStore held() {
        store.initializeTokenSegments(REPORTS, 1, at(0));
        assertThat(store.fetchToken(REPORTS, 0)).isEqualTo(at(0));
        return store;
    }

    @Test
    void the_position_of_a_handled_batch_is_written_at_once() {
        held();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            store.storeToken(at(1), REPORTS, 0);
            store.storeToken(at(2), REPORTS, 0);
        } finally {
            unitOfWork.rollback();
        }
        assertThat(writes).containsExactly("reports[0]=1", "reports[0]=2");
    }

    @Test
    void the_position_of_an_ignored_batch_is_kept_back_for_the_interval_then_written_by_the_flush() {
        held();
        store.storeToken(at(1), REPORTS, 0);
        later(SECOND / 2);
        store.storeToken(at(2), REPORTS, 0);
        store.flush();
        assertThat(writes).as("nothing written within the interval of the last write (the fetch)").isEmpty();
        assertThat(memory.fetchToken(REPORTS, 0)).isEqualTo(at(0));

        later(SECOND / 2 - 1);
        store.flush();
        assertThat(writes).as("kept back for less than the interval").isEmpty();
        later(1);
        store.flush();
        assertThat(writes).containsExactly("reports[0]=2");
        store.flush();
        assertThat(writes).as("once").hasSize(1);
    }

    @Test
    void an_ignored_batch_an_interval_after_the_last_write_is_written_at_once() {
        held();
        later(SECOND);
        store.storeToken(at(3), REPORTS, 0);
        assertThat(writes).containsExactly("reports[0]=3");
        later(SECOND - 1);
        store.storeToken(at(4), REPORTS, 0);
        assertThat(writes).containsExactly("reports[0]=3");
    }

    @Test
    void what_is_kept_back_is_written_before_the_claim_is_extended_or_released() {
        held();
        store.storeToken(at(5), REPORTS, 0);
        store.extendClaim(REPORTS, 0);
        assertThat(writes).as("the write extends the claim").containsExactly("reports[0]=5");
        store.extendClaim(REPORTS, 0);
        assertThat(writes).containsExactly("reports[0]=5", "extend reports[0]");

        store.storeToken(at(6), REPORTS, 0);
        store.releaseClaim(REPORTS, 0);
        assertThat(writes).containsExactly("reports[0]=5", "extend reports[0]", "reports[0]=6", "release reports[0]");
        store.storeToken(at(7), REPORTS, 0);
        assertThat(writes).as("no longer held: written as it comes").endsWith("reports[0]=7");
    }

    @Test
    void a_position_that_does_not_move_forward_or_of_a_segment_not_held_is_written_as_it_comes() {
        store.initializeTokenSegments(REPORTS, 2, at(0));
        store.storeToken(at(9), REPORTS, 1);
        assertThat(writes).containsExactly("reports[1]=9");

        store.fetchToken(REPORTS, 1);
        store.storeToken(at(3), REPORTS, 1);
        assertThat(writes).as("a reset").containsExactly("reports[1]=9", "reports[1]=3");
    }

    @Test
    void a_claim_lost_meanwhile_drops_what_was_kept_back() {
        held();
        store.storeToken(at(8), REPORTS, 0);
        claimLost = true;
        later(SECOND);
        store.flush();
        claimLost = false;
        later(SECOND);
        store.flush();
        assertThat(writes).isEmpty();
        store.releaseClaim(REPORTS, 0);
        assertThat(writes).containsExactly("release reports[0]");
    }

    @Test
    void fetching_again_writes_what_was_kept_back_first() {
        held();
        store.storeToken(at(2), REPORTS, 0);
        assertThat(store.fetchToken(REPORTS, 0)).isEqualTo(at(2));
        assertThat(writes).containsExactly("reports[0]=2");
    }

    @Test
    void only_gap_aware_positions_that_cover_the_last_move_forward() {
        assertThat(CoalescingTokenStore.forward(at(3), at(4))).isTrue();
        assertThat(CoalescingTokenStore.forward(at(3), at(3))).isTrue();
        assertThat(CoalescingTokenStore.forward(at(4), at(3))).isFalse();
        assertThat(CoalescingTokenStore.forward(null, at(3))).as("the first position").isFalse();
        assertThat(CoalescingTokenStore.forward(at(3), null)).isFalse();
        TrackingToken replay = ReplayToken.createReplayToken(at(9), at(2));
        assertThat(CoalescingTokenStore.forward(at(3), replay)).as("a replay").isFalse();
        assertThat(CoalescingTokenStore.forward(replay, at(10))).isFalse();
        assertThat(CoalescingTokenStore.forward(new GlobalSequenceTrackingToken(1), new GlobalSequenceTrackingToken(2)))
                .isFalse();
    }

    @Test
    void a_replay_and_what_follows_it_are_written_as_they_come() {
        held();
        TrackingToken replay = ReplayToken.createReplayToken(at(9), at(2));
        store.storeToken(replay, REPORTS, 0);
        store.storeToken(ReplayToken.createReplayToken(at(9), at(3)), REPORTS, 0);
        assertThat(writes).hasSize(2);
    }
}
