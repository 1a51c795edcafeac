package nl.klantspiegel.adapter.processing;

import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.Nodes.Node;
import nl.klantspiegel.application.port.out.ReadModelVersions.Retired;
import nl.klantspiegel.application.port.out.RebuildClaims.Claim;
import nl.klantspiegel.application.port.out.RebuildClaims.Stage;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.projection.ActiveReadModel;
import nl.klantspiegel.application.projection.ActiveVersions;
import nl.klantspiegel.application.projection.RebuildableProjection;
import nl.klantspiegel.application.report.ActiveReportFacts;
import nl.klantspiegel.application.report.AnswerChangeProjection;
import nl.klantspiegel.application.report.ReportProjection;
import nl.klantspiegel.application.testing.InMemoryNodes;
import nl.klantspiegel.application.testing.InMemoryReadModelVersions;
import nl.klantspiegel.application.testing.InMemoryRebuildClaims;
import nl.klantspiegel.application.testing.InMemorySharedTokens;
import nl.klantspiegel.application.testing.MutableClock;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every node does for the shared projections, turn by turn, against the shared state in memory. */
class ProjectionCoordinatorTest {

    private static final String REPORTS = ReportProjection.PROCESSING_GROUP;
    private static final String CHANGES = AnswerChangeProjection.PROCESSING_GROUP;
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final ProjectionCoordinator.Settings SETTINGS = new ProjectionCoordinator.Settings(
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5),
            Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofHours(1));

    final MutableClock clock = new MutableClock(T0);
    final InMemoryNodes nodes = new InMemoryNodes("a");
    final InMemorySharedTokens tokens = new InMemorySharedTokens(Duration.ofSeconds(10)).clock(clock);
    final InMemoryRebuildClaims claims = new InMemoryRebuildClaims();
    final InMemoryReadModelVersions versions = new InMemoryReadModelVersions();
    final ActiveVersions active = new ActiveVersions(versions, Duration.ofSeconds(1), System::nanoTime);
    final ActiveReportFacts facts = new ActiveReportFacts(active,
            version -> versions.open(ReportFacts.class, version));
    final ActiveReadModel<AnswerChangeFacts> changes = ActiveReadModel.of(AnswerChangeFacts.class, CHANGES, active,
            version -> versions.open(AnswerChangeFacts.class, version));
    final FakeProcessor reports = new FakeProcessor();
    final FakeProcessor answerChanges = new FakeProcessor();
    final ProjectionCoordinator coordinator = new ProjectionCoordinator(nodes, tokens, claims, versions, active,
            List.of(new RebuildableProjection(REPORTS, List.of(facts), stores -> new Object()),
                    new RebuildableProjection(CHANGES, List.of(changes), stores -> new Object())),
            () -> Map.of(REPORTS, reports.processor, CHANGES, answerChanges.processor), Map.of(CHANGES, 2), clock,
            SETTINGS);

    private void later(Duration duration) {
        clock.advance(duration);
    }

    // ----- switches ------------------------------------------------------------------------------------

    @Test
    void while_a_rebuild_switches_this_node_leaves_its_segments_alone_and_claims_them_again_after() {
        tokens.put(CHANGES, 0, null, "a").put(CHANGES, 1, null, "b");
        claims.put(new Claim(CHANGES, "b", 2, Stage.SWITCHING, 40, T0));

        coordinator.tick();
        assertThat(answerChanges.calls).containsExactly("release 0 for 3000 ms", "release 1 for 3000 ms");
        assertThat(reports.calls).isEmpty();

        later(Duration.ofMillis(250));
        coordinator.tick();
        assertThat(answerChanges.calls).as("left alone for as long as it switches").hasSize(4);

        claims.release(claims.of(CHANGES).orElseThrow());
        later(Duration.ofMillis(250));
        coordinator.tick();
        assertThat(answerChanges.calls.subList(4, 6)).containsExactly("claim 0", "claim 1");
        later(Duration.ofMillis(250));
        coordinator.tick();
        assertThat(answerChanges.calls).as("once").hasSize(6);
    }

    @Test
    void a_rebuild_that_is_building_or_whose_node_stopped_beating_is_not_obeyed() {
        tokens.put(REPORTS, 0, null, "a").put(CHANGES, 0, null, "a");
        claims.put(new Claim(REPORTS, "b", 2, Stage.BUILDING, 40, T0));
        claims.put(new Claim(CHANGES, "b", 2, Stage.SWITCHING, 40, T0.minus(Duration.ofSeconds(31))));

        coordinator.tick();

        assertThat(reports.calls).isEmpty();
        assertThat(answerChanges.calls).isEmpty();
    }

    @Test
    void a_switch_seen_at_the_edge_of_the_rebuild_timeout_is_still_obeyed() {
        tokens.put(CHANGES, 0, null, "a");
        claims.put(new Claim(CHANGES, "b", 2, Stage.SWITCHING, 40, T0.minus(Duration.ofSeconds(30))));

        coordinator.tick();

        assertThat(answerChanges.calls).containsExactly("release 0 for 3000 ms");
    }

    /** A node killed while it switched: the live processors take the projection again once it is silent. */
    @Test
    void a_switch_whose_node_stopped_beating_is_obeyed_no_longer() {
        tokens.put(CHANGES, 0, null, "a").put(CHANGES, 1, null, "b");
        claims.put(new Claim(CHANGES, "b", 2, Stage.SWITCHING, 40, T0));
        nodes.put(new Node("b", T0, Map.of()));
        coordinator.tick();
        assertThat(answerChanges.calls).containsExactly("release 0 for 3000 ms", "release 1 for 3000 ms");

        later(Duration.ofMillis(5_000));
        coordinator.tick();
        assertThat(answerChanges.calls).as("b beat exactly a node timeout ago").hasSize(4);

        later(Duration.ofMillis(1));
        coordinator.tick();
        assertThat(answerChanges.calls.subList(4, 6)).as("b silent longer: its rebuild's heartbeat, 5 s old, no longer"
                + " counts").containsExactly("claim 0", "claim 1");
    }

    // ----- heartbeat -----------------------------------------------------------------------------------

    @Test
    void every_beat_this_node_reads_the_answering_versions_and_says_it_is_alive_with_them() {
        versions.active.put(REPORTS, 3);
        coordinator.tick();
        assertThat(nodes.all()).containsExactly(new Node("a", T0, Map.of(REPORTS, 3, CHANGES, 0)));

        versions.active.put(REPORTS, 4);
        later(Duration.ofMillis(999));
        coordinator.tick();
        assertThat(nodes.all()).as("not yet").containsExactly(new Node("a", T0, Map.of(REPORTS, 3, CHANGES, 0)));

        later(Duration.ofMillis(1));
        coordinator.tick();
        assertThat(nodes.all()).containsExactly(new Node("a", T0.plusSeconds(1), Map.of(REPORTS, 4, CHANGES, 0)));

        coordinator.leave();
        assertThat(nodes.all()).isEmpty();
    }

    // ----- nodes that stopped ---------------------------------------------------------------------------

    @Test
    void the_claims_of_a_node_silent_for_the_node_timeout_are_freed_for_the_live_nodes_to_take_over() {
        tokens.put(CHANGES, 0, null, "b").put(CHANGES, 1, null, "c").put(REPORTS, 0, null, "b");
        nodes.put(new Node("b", T0.minusSeconds(5).minusMillis(1), Map.of()));
        nodes.put(new Node("c", T0.minusSeconds(5), Map.of()));

        coordinator.tick();

        assertThat(tokens.owner(CHANGES, 0)).isNull();
        assertThat(tokens.owner(REPORTS, 0)).isNull();
        assertThat(tokens.owner(CHANGES, 1)).as("c beat exactly a node timeout ago").isEqualTo("c");
    }

    @Test
    void only_the_claims_of_stopped_nodes_on_this_nodes_live_processors_are_freed() {
        tokens.put(CHANGES, 0, null, "switch@b").put(CHANGES, 1, null, "d").put(REPORTS, 0, null, "a")
                .put(REPORTS + "@2", 0, null, "b");
        nodes.put(new Node("a", T0.minusSeconds(60), Map.of()));
        nodes.put(new Node("b", T0.minusSeconds(60), Map.of()));

        coordinator.tick();

        assertThat(tokens.owner(CHANGES, 0)).as("another claimant is no node").isEqualTo("switch@b");
        assertThat(tokens.owner(CHANGES, 1)).as("a node never seen").isEqualTo("d");
        assertThat(tokens.owner(REPORTS, 0)).as("this node itself").isEqualTo("a");
        assertThat(tokens.owner(REPORTS + "@2", 0)).as("not a live processor here").isEqualTo("b");
    }

    /** Its rebuild died with it: what it held for a switch is free at once, not after the claim timeout. */
    @Test
    void the_switcher_of_a_stopped_node_is_freed_and_of_a_live_one_not() {
        tokens.put(CHANGES, 0, null, "b#switch").put(CHANGES, 1, null, "c#switch");
        nodes.put(new Node("b", T0.minusSeconds(6), Map.of()));
        nodes.put(new Node("c", T0, Map.of()));

        coordinator.tick();

        assertThat(tokens.owner(CHANGES, 0)).isNull();
        assertThat(tokens.owner(CHANGES, 1)).as("c beats: its rebuild holds the segment").isEqualTo("c#switch");
    }

    @Test
    void stopped_nodes_are_looked_for_every_beat() {
        coordinator.tick();
        nodes.put(new Node("b", T0.minusSeconds(10), Map.of()));
        tokens.put(CHANGES, 0, null, "b");

        later(Duration.ofMillis(999));
        coordinator.tick();
        assertThat(tokens.owner(CHANGES, 0)).as("not yet").isEqualTo("b");

        later(Duration.ofMillis(1));
        coordinator.tick();
        assertThat(tokens.owner(CHANGES, 0)).isNull();
    }

    @Test
    void a_claim_taken_again_since_it_was_read_is_left_alone() {
        tokens.put(CHANGES, 0, null, "b");
        nodes.put(new Node("b", T0.minusSeconds(10), Map.of()));
        Instant read = clock.instant();
        later(Duration.ofMillis(1));
        tokens.put(CHANGES, 0, null, "b");

        assertThat(tokens.free(CHANGES, 0, "b", read)).isFalse();
        assertThat(tokens.free(CHANGES, 0, "c", clock.instant())).isFalse();
        assertThat(tokens.owner(CHANGES, 0)).isEqualTo("b");
        assertThat(tokens.free(CHANGES, 0, "b", clock.instant())).isTrue();
        assertThat(tokens.owner(CHANGES, 0)).isNull();
    }

    // ----- balance -------------------------------------------------------------------------------------

    @Test
    void holding_everything_beside_another_node_alive_it_hands_over_what_is_above_its_share() {
        tokens.put(REPORTS, 0, null, "a").put(CHANGES, 0, null, "a").put(CHANGES, 1, null, "a");
        nodes.put(new Node("b", T0.minusSeconds(5), Map.of()));

        coordinator.tick();

        assertThat(answerChanges.calls).containsExactly("release 1 for 3000 ms");
        assertThat(reports.calls).isEmpty();
    }

    @Test
    void a_node_silent_for_the_node_timeout_takes_no_share() {
        tokens.put(REPORTS, 0, null, "a").put(CHANGES, 0, null, "a").put(CHANGES, 1, null, "a");
        nodes.put(new Node("b", T0.minusSeconds(5).minusMillis(1), Map.of()));

        coordinator.tick();

        assertThat(answerChanges.calls).isEmpty();
    }

    @Test
    void a_claim_that_ran_out_is_free_so_nothing_is_handed_over_until_it_is_claimed() {
        tokens.put(REPORTS, 0, null, "a").put(CHANGES, 0, null, "a");
        later(Duration.ofSeconds(10).plusMillis(1));
        tokens.put(CHANGES, 1, null, "a");
        nodes.put(new Node("b", clock.instant(), Map.of()));

        coordinator.tick();

        assertThat(answerChanges.calls).as("1 of 3 held, two free").isEmpty();
    }

    @Test
    void a_claim_extended_exactly_a_claim_timeout_ago_still_counts() {
        tokens.put(REPORTS, 0, null, "a").put(CHANGES, 0, null, "a").put(CHANGES, 1, null, "a");
        later(Duration.ofSeconds(10));
        nodes.put(new Node("b", clock.instant(), Map.of()));

        coordinator.tick();

        assertThat(answerChanges.calls).containsExactly("release 1 for 3000 ms");
    }

    @Test
    void balancing_and_upkeep_come_every_balance_interval_only() {
        tokens.put(REPORTS, 0, null, "a").put(CHANGES, 0, null, "a").put(CHANGES, 1, null, "a");
        coordinator.tick();
        nodes.put(new Node("b", T0, Map.of()));

        later(Duration.ofMillis(4999));
        coordinator.tick();
        assertThat(answerChanges.calls).isEmpty();

        later(Duration.ofMillis(1));
        tokens.put(REPORTS, 0, null, "a").put(CHANGES, 0, null, "a").put(CHANGES, 1, null, "a");
        coordinator.tick();
        assertThat(answerChanges.calls).containsExactly("release 1 for 3000 ms");
    }

    @Test
    void a_processor_with_fewer_segments_than_it_should_have_is_split_by_the_node_holding_all_of_them() {
        tokens.put(CHANGES, 0, null, "a").put(REPORTS, 0, null, "a");
        answerChanges.processing(Segment.ROOT_SEGMENT);
        nodes.put(new Node("b", T0, Map.of()));

        coordinator.tick();
        assertThat(answerChanges.calls).as("split first, balanced later").containsExactly("split 0");

        tokens.put(CHANGES, 1, null, "a");
        Segment[] halves = Segment.ROOT_SEGMENT.split();
        answerChanges.processing(halves[1], halves[0]);
        later(Duration.ofSeconds(5));
        nodes.put(new Node("b", clock.instant(), Map.of()));
        coordinator.tick();
        assertThat(answerChanges.calls).as("as many as it should have: balanced").containsExactly("split 0",
                "release 1 for 3000 ms");
    }

    @Test
    void a_processor_is_split_only_by_a_node_holding_all_of_it_and_only_a_segment_it_processes() {
        tokens.put(CHANGES, 0, null, "b");
        answerChanges.processing(Segment.ROOT_SEGMENT);
        coordinator.tick();

        tokens.put(CHANGES, 0, null, "a");
        answerChanges.processing();
        later(Duration.ofSeconds(5));
        coordinator.tick();

        assertThat(answerChanges.calls).isEmpty();
    }

    @Test
    void the_widest_segment_is_split() {
        Segment[] quarters = Segment.ROOT_SEGMENT.split()[0].split(); // 0 and 2, beside 1
        tokens.put(CHANGES, 0, null, "a").put(CHANGES, 1, null, "a").put(CHANGES, 2, null, "a");
        answerChanges.processing(quarters[0], Segment.ROOT_SEGMENT.split()[1], quarters[1]);
        ProjectionCoordinator wantsFour = new ProjectionCoordinator(nodes, tokens, claims, versions, active,
                List.of(), () -> Map.of(CHANGES, answerChanges.processor), Map.of(CHANGES, 4), clock, SETTINGS);

        wantsFour.tick();

        assertThat(answerChanges.calls).containsExactly("split 1");
    }

    // ----- upkeep --------------------------------------------------------------------------------------

    @Test
    void a_rebuild_whose_node_stopped_beating_is_given_up() {
        claims.put(new Claim(REPORTS, "b", 4, Stage.BUILDING, 40, T0.minusSeconds(31)));
        claims.put(new Claim(CHANGES, "b", 2, Stage.BUILDING, 40, T0.minusSeconds(30)));

        coordinator.tick();

        assertThat(claims.of(REPORTS)).isEmpty();
        assertThat(versions.retired).containsExactly(new Retired(REPORTS, 4, T0));
        assertThat(claims.of(CHANGES)).as("at the edge: alive").isPresent();
    }

    @Test
    void a_retired_version_is_dropped_after_the_grace_once_no_node_alive_answers_from_it() {
        versions.active.put(REPORTS, 1);
        versions.retired.add(new Retired(REPORTS, 0, T0));
        versions.retired.add(new Retired(CHANGES, 3, T0.plusSeconds(10)));
        tokens.put(ProjectionRebuilds.processorName(CHANGES, 3), 0, new GlobalSequenceTrackingToken(9), null);
        nodes.put(new Node("b", T0, Map.of(REPORTS, 0)));

        coordinator.tick();
        assertThat(versions.dropped).as("not before the grace").isEmpty();

        later(Duration.ofSeconds(60));
        nodes.put(new Node("b", clock.instant(), Map.of(REPORTS, 0)));
        coordinator.tick();
        assertThat(versions.dropped).as("node b still answers from reports 0").isEmpty();

        later(Duration.ofSeconds(10));
        nodes.put(new Node("b", clock.instant(), Map.of(REPORTS, 1)));
        coordinator.tick();
        assertThat(versions.dropped).containsExactly("ReportFacts 0", "AnswerChangeFacts 3");
        assertThat(versions.retired).isEmpty();
        assertThat(tokens.segments(ProjectionRebuilds.processorName(CHANGES, 3))).as("its builder's position gone")
                .isEmpty();
    }

    @Test
    void a_node_silent_for_the_node_timeout_no_longer_keeps_a_version() {
        versions.active.put(REPORTS, 1);
        versions.retired.add(new Retired(REPORTS, 0, T0.minusSeconds(60)));
        nodes.put(new Node("b", T0.minusSeconds(5).minusMillis(1), Map.of(REPORTS, 0)));

        coordinator.tick();

        assertThat(versions.dropped).containsExactly("ReportFacts 0");
    }

    @Test
    void this_node_keeps_the_version_it_answers_from_even_before_its_own_heartbeat_is_stored() {
        versions.retired.add(new Retired(REPORTS, 0, T0.minusSeconds(60)));
        InMemoryNodes silent = new InMemoryNodes("a") {
            @Override
            public synchronized void beat(Map<String, Integer> answering, Instant at) {
                throw new IllegalStateException("database away");
            }
        };
        new ProjectionCoordinator(silent, tokens, claims, versions, active,
                List.of(new RebuildableProjection(REPORTS, List.of(facts), stores -> new Object())), Map::of,
                Map.of(), clock, SETTINGS).tick();

        assertThat(versions.dropped).as("reports 0 answers here").isEmpty();
    }

    @Test
    void a_version_whose_builder_still_holds_its_claim_is_dropped_later() {
        versions.active.put(REPORTS, 1);
        versions.retired.add(new Retired(REPORTS, 2, T0.minusSeconds(60)));
        tokens.put(ProjectionRebuilds.processorName(REPORTS, 2), 0, null, "b");

        coordinator.tick();
        assertThat(versions.dropped).isEmpty();

        later(Duration.ofSeconds(11));
        coordinator.tick();
        assertThat(versions.dropped).containsExactly("ReportFacts 2");
    }

    @Test
    void nodes_silent_for_an_hour_are_forgotten() {
        nodes.put(new Node("b", T0.minus(Duration.ofHours(1)), Map.of()));
        nodes.put(new Node("c", T0.minus(Duration.ofHours(1)).minusMillis(1), Map.of()));

        coordinator.tick();

        assertThat(nodes.all()).extracting(Node::id).containsExactly("a", "b");
    }

    @Test
    void a_step_that_fails_leaves_the_others_to_run() {
        InMemoryRebuildClaims failing = new InMemoryRebuildClaims() {
            @Override
            public synchronized Map<String, Claim> find(Collection<String> projections) {
                throw new IllegalStateException("database away");
            }
        };
        new ProjectionCoordinator(nodes, tokens, failing, versions, active, List.of(), Map::of, Map.of(), clock, SETTINGS)
                .tick();

        assertThat(nodes.all()).extracting(Node::id).containsExactly("a");
    }

    @Test
    void everything_is_required() {
        assertThatNullPointerException().isThrownBy(() -> new ProjectionCoordinator.Settings(null,
                Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(2),
                Duration.ZERO, Duration.ZERO)).withMessage("beat");
        assertThatNullPointerException().isThrownBy(() -> new ProjectionCoordinator(null, tokens, claims, versions,
                active, List.of(), Map::of, Map.of(), clock, SETTINGS)).withMessage("nodes");
    }

    /**
     * A node timeout at or above the claim timeout would let a dead node's claims run out before they are freed, and a
     * rebuild counted dead before the segments it held for a switch are free.
     */
    @Test
    void the_node_timeout_lies_below_the_claim_timeout_and_the_rebuild_timeout_above_it() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new ProjectionCoordinator.Settings(second, Duration.ofSeconds(10),
                Duration.ofSeconds(10), second, second, Duration.ofSeconds(30), second, second))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("klantspiegel.projections: the node timeout (PT10S) must be below the claim timeout (PT10S)"
                        + " and the rebuild timeout (PT30S) above it");
        assertThatThrownBy(() -> new ProjectionCoordinator.Settings(second, Duration.ofSeconds(5),
                Duration.ofSeconds(10), second, second, Duration.ofSeconds(10), second, second))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rebuild timeout (PT10S)");
        assertThat(new ProjectionCoordinator.Settings(second, Duration.ofMillis(9_999), Duration.ofSeconds(10), second,
                second, Duration.ofMillis(10_001), second, second).claimTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    /** A live processor on this node: only which segments it is asked to release or claim is recorded. */
    static final class FakeProcessor {
        final List<String> calls = new ArrayList<>();
        volatile Map<Integer, EventTrackerStatus> status = Map.of();

        /** It processes these segments. */
        void processing(Segment... segments) {
            Map<Integer, EventTrackerStatus> processing = new java.util.TreeMap<>();
            for (Segment segment : segments) {
                processing.put(segment.getSegmentId(), (EventTrackerStatus) Proxy.newProxyInstance(
                        EventTrackerStatus.class.getClassLoader(), new Class<?>[]{EventTrackerStatus.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("getSegment")) {
                                return segment;
                            }
                            throw new UnsupportedOperationException(method.getName());
                        }));
            }
            status = processing;
        }

        final StreamingEventProcessor processor = (StreamingEventProcessor) Proxy.newProxyInstance(
                StreamingEventProcessor.class.getClassLoader(), new Class<?>[]{StreamingEventProcessor.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "releaseSegment" -> {
                        calls.add("release " + args[0] + " for "
                                + ((TimeUnit) args[2]).toMillis((Long) args[1]) + " ms");
                        yield null;
                    }
                    case "claimSegment" -> {
                        calls.add("claim " + args[0]);
                        yield CompletableFuture.completedFuture(true);
                    }
                    case "splitSegment" -> {
                        calls.add("split " + args[0]);
                        yield CompletableFuture.completedFuture(true);
                    }
                    case "processingStatus" -> status;
                    case "toString" -> "a processor";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
