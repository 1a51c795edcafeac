package nl.klantspiegel.domain.report;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How often respondents change an answer before they finish: per question, from one option to another, for the
 * released completed assessments of a group — a report only an event log can give (the assessment itself keeps only
 * the last answer).
 *
 * <p>Anonymity: the organisation and its rounds are unions of released batches, like every report's groups. Split by
 * band, a group would cut through its batches; so each batch is split on its own, and a band's part of it counts only
 * when it holds at least the minimum group size and what the batch leaves out of every band's figures holds none or at
 * least the minimum too (the smallest counted part is left out until it does). Every figure is then a union of parts
 * that each hold at least the minimum, and so is whatever can be worked out from them. The organisation's figures are
 * not split by band.
 */
public final class AnswerChanges {

    private AnswerChanges() {
    }

    /** One change of an answer: on {@code question}, from {@code from} to {@code to}. */
    public record Change(int question, Option from, Option to) {
        public Change {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from == to) {
                throw new IllegalArgumentException("no change: " + from);
            }
        }
    }

    /** One completed assessment: its band and the changes made before it was completed, in order. */
    public record Completed(String assessmentId, String roundId, Band band, List<Change> changes) {
        public Completed {
            Objects.requireNonNull(assessmentId, "assessmentId");
            Objects.requireNonNull(roundId, "roundId");
            Objects.requireNonNull(band, "band");
            changes = List.copyOf(changes);
        }
    }

    /** The completed assessments of one released batch. */
    public record Batch(String roundId, List<Completed> completed) {
        public Batch {
            Objects.requireNonNull(roundId, "roundId");
            completed = List.copyOf(completed);
        }
    }

    /** How many times an answer went from one option to another on one question. */
    public record Count(int question, Option from, Option to, int count) {
    }

    /**
     * A group's figures.
     *
     * @param n             completed assessments in the figures
     * @param changed       how many of them changed at least one answer
     * @param changes       how many changes they made in all
     * @param counts        per question, from and to
     * @param leftOut       for a band: how many of the band are in no figure, their part of a batch being too small
     * @param assessmentIds what the figures rest on: never shown, for tracing a figure
     */
    public record Group(String key, int n, int changed, int changes, List<Count> counts, int leftOut,
                        List<String> assessmentIds) {
        public Group {
            counts = List.copyOf(counts);
            assessmentIds = List.copyOf(assessmentIds);
        }
    }

    /** The organisation and each round (no band split). */
    public static List<Group> perRound(List<Batch> batches, List<String> roundIds) {
        Map<String, List<Completed>> byRound = new LinkedHashMap<>();
        roundIds.forEach(round -> byRound.put(round, new ArrayList<>()));
        List<Completed> all = new ArrayList<>();
        for (Batch batch : batches) {
            all.addAll(batch.completed());
            byRound.computeIfAbsent(batch.roundId(), round -> new ArrayList<>()).addAll(batch.completed());
        }
        List<Group> groups = new ArrayList<>();
        groups.add(group("organisation", all, 0));
        byRound.forEach((round, members) -> groups.add(group("round:" + round, members, 0)));
        return groups;
    }

    /** One round (its batches) and each band within it. */
    public static List<Group> perBand(List<Batch> batches, int minimum) {
        List<Completed> whole = new ArrayList<>();
        Map<Band, List<Completed>> counted = new EnumMap<>(Band.class);
        Map<Band, Integer> leftOut = new EnumMap<>(Band.class);
        for (Band band : Band.values()) {
            counted.put(band, new ArrayList<>());
            leftOut.put(band, 0);
        }
        for (Batch batch : batches) {
            whole.addAll(batch.completed());
            Map<Band, List<Completed>> parts = new EnumMap<>(Band.class);
            for (Band band : Band.values()) {
                parts.put(band, new ArrayList<>());
            }
            batch.completed().forEach(one -> parts.get(one.band()).add(one));
            List<Band> hidden = hiddenParts(parts, minimum);
            parts.forEach((band, members) -> {
                if (hidden.contains(band)) {
                    leftOut.merge(band, members.size(), Integer::sum);
                } else {
                    counted.get(band).addAll(members);
                }
            });
        }
        List<Group> groups = new ArrayList<>();
        groups.add(group("round", whole, 0));
        counted.forEach((band, members) -> groups.add(group("band:" + band.name(), members, leftOut.get(band))));
        return groups;
    }

    /** The parts to leave out: those below the minimum, then the smallest others while what is left out is too few. */
    static <K> List<K> hiddenParts(Map<K, List<Completed>> parts, int minimum) {
        List<K> hidden = new ArrayList<>();
        int hiddenSize = 0;
        for (Map.Entry<K, List<Completed>> part : parts.entrySet()) {
            if (!part.getValue().isEmpty() && part.getValue().size() < minimum) {
                hidden.add(part.getKey());
                hiddenSize += part.getValue().size();
            }
        }
        while (hiddenSize > 0 && hiddenSize < minimum) {
            K smallest = null;
            int smallestSize = Integer.MAX_VALUE;
            for (Map.Entry<K, List<Completed>> part : parts.entrySet()) {
                int size = part.getValue().size();
                if (!hidden.contains(part.getKey()) && size > 0 && size < smallestSize) {
                    smallest = part.getKey();
                    smallestSize = size;
                }
            }
            if (smallest == null) {
                break; // everything left out: the batch itself is below the minimum, which a release never makes
            }
            hidden.add(smallest);
            hiddenSize += smallestSize;
        }
        return hidden;
    }

    private static Group group(String key, List<Completed> members, int leftOut) {
        Map<Change, int[]> counts = new LinkedHashMap<>();
        int changed = 0;
        int changes = 0;
        for (Completed one : members) {
            if (!one.changes().isEmpty()) {
                changed++;
            }
            for (Change change : one.changes()) {
                changes++;
                counts.computeIfAbsent(change, counted -> new int[1])[0]++;
            }
        }
        List<Count> list = new ArrayList<>();
        counts.forEach((change, count) -> list.add(new Count(change.question(), change.from(), change.to(), count[0])));
        list.sort(Comparator.comparingInt(Count::question).thenComparing(Count::from).thenComparing(Count::to));
        return new Group(key, members.size(), changed, changes, list, leftOut,
                members.stream().map(Completed::assessmentId).sorted().toList());
    }
}
