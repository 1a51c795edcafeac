package nl.klantspiegel.adapter.processing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the live projections' segments are shared between the nodes: a node holding more than its share — the number
 * of segments of all projections over the number of nodes, rounded up — hands the rest over (releases them for a
 * while; a node with fewer claims them). Only a settled picture is balanced: while any segment is unclaimed, or held
 * by anyone but a node that is alive (a claim running out, a rebuild switching), nothing is handed over. A
 * projection's second and further segments on this node are handed over first, then one segment of each other
 * projection, so that the segments of one projection end up on different nodes.
 */
final class SegmentBalance {

    private SegmentBalance() {
    }

    /** One segment of a processor. */
    record Segment(String processor, int segment) {
    }

    /**
     * @param owners by processor, every segment and the node holding it ({@code null}: nobody, or a claim run out)
     * @param self   this node
     * @param alive  the nodes alive, this one included
     * @return what this node hands over
     */
    static List<Segment> handOver(Map<String, Map<Integer, String>> owners, String self, Set<String> alive) {
        int total = 0;
        Map<String, List<Integer>> mine = new TreeMap<>();
        for (var processor : owners.entrySet()) {
            for (var segment : processor.getValue().entrySet()) {
                String owner = segment.getValue();
                if (owner == null || !alive.contains(owner)) {
                    return List.of();
                }
                total++;
                if (owner.equals(self)) {
                    mine.computeIfAbsent(processor.getKey(), name -> new ArrayList<>()).add(segment.getKey());
                }
            }
        }
        int held = mine.values().stream().mapToInt(List::size).sum();
        int share = (total + alive.size() - 1) / alive.size();
        // a processor's second and further segments here go first, then one of each other processor, then the rest
        List<Segment> first = new ArrayList<>();
        List<Segment> then = new ArrayList<>();
        List<Segment> last = new ArrayList<>();
        mine.forEach((processor, segments) -> {
            segments.sort(Comparator.reverseOrder());
            for (int i = 0; i < segments.size() - 1; i++) {
                first.add(new Segment(processor, segments.get(i)));
            }
            (segments.size() > 1 ? last : then).add(new Segment(processor, segments.get(segments.size() - 1)));
        });
        first.addAll(then);
        first.addAll(last);
        return List.copyOf(first.subList(0, Math.max(0, held - share)));
    }
}
