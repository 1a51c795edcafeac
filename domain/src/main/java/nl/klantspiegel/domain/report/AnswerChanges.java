package nl.klantspiegel.domain.report;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.Option;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * How often respondents change an answer before they finish: per question, from one option to another, for the
 * completed assessments of a group — a report only an event log can give (the assessment itself keeps only the last
 * answer).
 *
 * <p>Anonymity: a group below the minimum group size shows no figure. Groups that split a whole (the rounds of the
 * organisation, the bands of a round) are suppressed together so that the whole minus the shown parts never leaves a
 * group below the minimum: while the hidden parts hold between one and minimum − 1 assessments, the smallest shown part
 * is hidden too. The organisation's figures are not split by band, so no part of one split can be worked out from
 * another.
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

    /** How many times an answer went from one option to another on one question. */
    public record Count(int question, Option from, Option to, int count) {
    }

    /**
     * A group's figures, or why they are hidden.
     *
     * @param n       completed assessments in the group (empty when suppressed: no count below the minimum shows)
     * @param changed how many of them changed at least one answer (empty when suppressed)
     * @param changes how many changes they made in all (empty when suppressed)
     * @param counts  per question, from and to (empty when suppressed)
     */
    public record Group(String key, Optional<SuppressionReason> suppression, OptionalInt n, Optional<Integer> changed,
                        Optional<Integer> changes, List<Count> counts, List<String> assessmentIds) {
        /** @param assessmentIds what the figures rest on (empty when suppressed): never shown, for tracing a figure */
        public Group {
            counts = List.copyOf(counts);
            assessmentIds = List.copyOf(assessmentIds);
        }

        public boolean suppressed() {
            return suppression.isPresent();
        }
    }

    /** The organisation and each round (no band split): for all of an organisation's rounds. */
    public static List<Group> perRound(Collection<Completed> completed, List<String> roundIds, int minimum) {
        Map<String, List<Completed>> byRound = new LinkedHashMap<>();
        roundIds.forEach(round -> byRound.put(round, new ArrayList<>()));
        for (Completed one : completed) {
            byRound.computeIfAbsent(one.roundId(), round -> new ArrayList<>()).add(one);
        }
        return split("organisation", List.copyOf(completed), byRound, round -> "round:" + round, minimum);
    }

    /** One round and each band within it. */
    public static List<Group> perBand(Collection<Completed> inRound, int minimum) {
        Map<Band, List<Completed>> byBand = new EnumMap<>(Band.class);
        for (Band band : Band.values()) {
            byBand.put(band, new ArrayList<>());
        }
        for (Completed one : inRound) {
            byBand.get(one.band()).add(one);
        }
        return split("round", List.copyOf(inRound), byBand, band -> "band:" + band.name(), minimum);
    }

    private static <K> List<Group> split(String wholeKey, List<Completed> whole, Map<K, List<Completed>> parts,
                                         Function<K, String> partKey, int minimum) {
        List<K> hidden = hiddenParts(whole.size(), parts, minimum);
        List<Group> groups = new ArrayList<>();
        boolean wholeHidden = whole.size() < minimum;
        groups.add(group(wholeKey, whole, wholeHidden ? Optional.of(SuppressionReason.BELOW_MINIMUM) : Optional.empty()));
        for (Map.Entry<K, List<Completed>> part : parts.entrySet()) {
            Optional<SuppressionReason> reason = Optional.empty();
            if (wholeHidden || part.getValue().size() < minimum) {
                reason = Optional.of(SuppressionReason.BELOW_MINIMUM);
            } else if (hidden.contains(part.getKey())) {
                reason = Optional.of(SuppressionReason.COMPLEMENTARY);
            }
            groups.add(group(partKey.apply(part.getKey()), part.getValue(), reason));
        }
        return groups;
    }

    /** The parts to hide: those below the minimum, and then the smallest shown while the hidden ones are too few. */
    static <K> List<K> hiddenParts(int whole, Map<K, List<Completed>> parts, int minimum) {
        List<K> hidden = new ArrayList<>();
        int hiddenSize = 0;
        for (Map.Entry<K, List<Completed>> part : parts.entrySet()) {
            if (part.getValue().size() < minimum) {
                hidden.add(part.getKey());
                hiddenSize += part.getValue().size();
            }
        }
        while (hiddenSize > 0 && hiddenSize < minimum) {
            K smallest = null;
            int smallestSize = Integer.MAX_VALUE;
            for (Map.Entry<K, List<Completed>> part : parts.entrySet()) {
                if (!hidden.contains(part.getKey()) && part.getValue().size() < smallestSize) {
                    smallest = part.getKey();
                    smallestSize = part.getValue().size();
                }
            }
            if (smallest == null) {
                break; // every part hidden: the whole is below the minimum too
            }
            hidden.add(smallest);
            hiddenSize += smallestSize;
        }
        return hidden;
    }

    private static Group group(String key, List<Completed> members, Optional<SuppressionReason> suppression) {
        if (suppression.isPresent()) {
            return new Group(key, suppression, OptionalInt.empty(), Optional.empty(), Optional.empty(), List.of(),
                    List.of());
        }
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
        return new Group(key, Optional.empty(), OptionalInt.of(members.size()), Optional.of(changed), Optional.of(changes),
                list, members.stream().map(Completed::assessmentId).sorted().toList());
    }
}
