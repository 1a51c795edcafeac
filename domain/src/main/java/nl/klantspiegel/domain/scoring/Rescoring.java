package nl.klantspiegel.domain.scoring;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.report.Completion;
import nl.klantspiegel.domain.report.GroupKey;
import nl.klantspiegel.domain.report.ReportBasis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The bands of a group's released completed assessments under the instrument's own scoring (as each respondent was
 * told) beside an alternative scoring applied to the same stored answers. The groups are the reports' groups: unions
 * of released batches, so a re-scoring is one more figure of the same sets.
 */
public final class Rescoring {

    private Rescoring() {
    }

    /**
     * @param n             how many released completed assessments
     * @param own           per band, how many under the instrument's own scoring
     * @param alternative   per band, how many under the alternative
     * @param moved         how many are in another band under the alternative
     * @param assessmentIds what the figures rest on: never shown, for tracing a figure
     */
    public record Group(GroupKey key, int n, Map<Band, Integer> own, Map<Band, Integer> alternative, int moved,
                        List<String> assessmentIds) {
        public Group {
            assessmentIds = List.copyOf(assessmentIds);
            own = Map.copyOf(own);
            alternative = Map.copyOf(alternative);
        }
    }

    public static List<Group> compare(ReportBasis basis, AlternativeScoring scoring, List<GroupKey> groups) {
        List<Group> compared = new ArrayList<>();
        for (GroupKey key : groups) {
            List<Completion> members = basis.members(key);
            Map<Band, Integer> own = zero();
            Map<Band, Integer> alternative = zero();
            int moved = 0;
            for (Completion completion : members) {
                Band then = completion.band();
                Band now = scoring.band(completion.answers());
                own.merge(then, 1, Integer::sum);
                alternative.merge(now, 1, Integer::sum);
                if (then != now) {
                    moved++;
                }
            }
            compared.add(new Group(key, members.size(), own, alternative, moved,
                    members.stream().map(Completion::assessmentId).sorted().toList()));
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
