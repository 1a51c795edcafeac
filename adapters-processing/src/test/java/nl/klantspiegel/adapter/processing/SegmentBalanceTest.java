package nl.klantspiegel.adapter.processing;

import nl.klantspiegel.adapter.processing.SegmentBalance.Segment;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Who hands which segments over: a node above its share, in a settled picture, the duplicates first. */
class SegmentBalanceTest {

    private static Map<String, Map<Integer, String>> owners(Object... processorSegmentOwner) {
        Map<String, Map<Integer, String>> owners = new TreeMap<>();
        for (int i = 0; i < processorSegmentOwner.length; i += 3) {
            owners.computeIfAbsent((String) processorSegmentOwner[i], name -> new HashMap<>())
                    .put((Integer) processorSegmentOwner[i + 1], (String) processorSegmentOwner[i + 2]);
        }
        return owners;
    }

    /** The product's projections, all held by a. */
    private static Map<String, Map<Integer, String>> allWith(String owner) {
        return owners("answer-changes", 0, owner, "answer-changes", 1, owner, "assessment-views", 0, owner,
                "audit-trail", 0, owner, "organisation-views", 0, owner, "reports", 0, owner);
    }

    @Test
    void a_node_alone_keeps_everything() {
        assertThat(SegmentBalance.handOver(allWith("a"), "a", Set.of("a"))).isEmpty();
    }

    @Test
    void a_node_holding_all_hands_over_all_above_its_share_a_projection_split_over_the_nodes_first() {
        assertThat(SegmentBalance.handOver(allWith("a"), "a", Set.of("a", "b"))).containsExactly(
                new Segment("answer-changes", 1), new Segment("assessment-views", 0), new Segment("audit-trail", 0));
        assertThat(SegmentBalance.handOver(allWith("a"), "a", Set.of("a", "b", "c"))).containsExactly(
                new Segment("answer-changes", 1), new Segment("assessment-views", 0), new Segment("audit-trail", 0),
                new Segment("organisation-views", 0));
    }

    @Test
    void the_share_is_rounded_up() {
        Map<String, Map<Integer, String>> seven = allWith("a");
        seven.get("reports").put(1, "b");
        assertThat(SegmentBalance.handOver(seven, "a", Set.of("a", "b"))).as("6 of 7 held, share 4").hasSize(2);
        seven.get("answer-changes").put(0, "b");
        seven.get("answer-changes").put(1, "b");
        assertThat(SegmentBalance.handOver(seven, "a", Set.of("a", "b"))).as("4 of 7: the share").isEmpty();
    }

    @Test
    void a_node_at_or_below_its_share_keeps_what_it_has() {
        Map<String, Map<Integer, String>> shared = owners("answer-changes", 0, "a", "answer-changes", 1, "b",
                "reports", 0, "b", "audit-trail", 0, "b");
        assertThat(SegmentBalance.handOver(shared, "a", Set.of("a", "b"))).isEmpty();
        assertThat(SegmentBalance.handOver(shared, "b", Set.of("a", "b"))).as("3 of 4, share 2")
                .containsExactly(new Segment("answer-changes", 1));
    }

    @Test
    void nothing_is_handed_over_while_a_segment_is_free_or_held_by_one_not_alive() {
        Map<String, Map<Integer, String>> free = allWith("a");
        free.get("reports").put(0, null);
        assertThat(SegmentBalance.handOver(free, "a", Set.of("a", "b"))).isEmpty();

        Map<String, Map<Integer, String>> switching = allWith("a");
        switching.get("reports").put(0, "c#switch");
        assertThat(SegmentBalance.handOver(switching, "a", Set.of("a", "b"))).isEmpty();
    }

    @Test
    void when_everything_is_one_projection_the_highest_segments_go() {
        Map<String, Map<Integer, String>> one = owners("p", 0, "a", "p", 1, "a", "p", 2, "a", "p", 3, "a");
        assertThat(SegmentBalance.handOver(one, "a", Set.of("a", "b"))).containsExactly(new Segment("p", 3),
                new Segment("p", 2));
        assertThat(SegmentBalance.handOver(one, "a", Set.of("a", "b", "c", "d", "e"))).containsExactly(
                new Segment("p", 3), new Segment("p", 2), new Segment("p", 1));
    }

    @Test
    void when_more_must_go_than_there_are_duplicates_and_other_projections_the_last_segments_go_too() {
        Map<String, Map<Integer, String>> two = owners("p", 0, "a", "p", 1, "a", "q", 0, "a", "q", 1, "a");
        assertThat(SegmentBalance.handOver(two, "a", Set.of("a", "b", "c", "d"))).containsExactly(
                new Segment("p", 1), new Segment("q", 1), new Segment("p", 0));
        assertThat(SegmentBalance.handOver(Map.of(), "a", Set.of("a", "b"))).isEmpty();
    }
}
