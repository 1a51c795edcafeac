package nl.klantspiegel.domain.scoring;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.report.Completion;
import nl.klantspiegel.domain.report.GroupKey;
import nl.klantspiegel.domain.report.ReportBasis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bands of a group's completed assessments under the instrument's own scoring (as each respondent was told)
 * beside an alternative scoring applied to the same stored answers. The same groups are hidden as in every report:
 * a re-scoring is another figure of the same group, and the anonymity floor decides per group, not per figure.
 */
public final class Rescoring {

    private Rescoring() {
    }

    /**
     * @param own         per band, how many under the instrument's own scoring (empty when suppressed)
     * @param alternative per band, how many under the alternative (empty when suppressed)
     * @param moved       how many are in another band under the alternative (empty when suppressed)
     */
    public record Group(GroupKey key, boolean suppressed, Optional<Integer> n, Map<Band, Integer> own,
                        Map<Band, Integer> alternative, Optional<Integer> moved, List<String> assessmentIds) {
        /** @param assessmentIds what the figures rest on (empty when suppressed): never shown, for tracing a figure */
        public Group {
            assessmentIds = List.copyOf(assessmentIds);
            own = Map.copyOf(own);
            alternative = Map.copyOf(alternative);
        }
    }

    public static List<Group> compare(ReportBasis basis, AlternativeScoring scoring, List<GroupKey> groups) {
        List<Group> compared = new ArrayList<>();
        for (GroupKey key : groups) {
            Optional<List<Completion>> members = basis.shownMembers(key);
            if (members.isEmpty()) {
                compared.add(new Group(key, true, Optional.empty(), Map.of(), Map.of(), Optional.empty(),
                        List.of()));
                continue;
            }
            Map<Band, Integer> own = zero();
            Map<Band, Integer> alternative = zero();
            int moved = 0;
            for (Completion completion : members.get()) {
                Band then = completion.band();
                Band now = scoring.band(completion.answers());
                own.merge(then, 1, Integer::sum);
                alternative.merge(now, 1, Integer::sum);
                if (then != now) {
                    moved++;
                }
            }
            compared.add(new Group(key, false, Optional.of(members.get().size()), own, alternative,
                    Optional.of(moved), members.get().stream().map(Completion::assessmentId).sorted().toList()));
        }
        return compared;
    }

    private static Map<Band, Integer> zero() {
        Map<Band, Integer> counts = new EnumMap<>(Band.class);
        for (Band band : Band.values()) {
            counts.put(band, 0);
        }
        return counts;
    }
}
