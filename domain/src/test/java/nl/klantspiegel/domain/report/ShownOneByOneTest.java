package nl.klantspiegel.domain.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nl.klantspiegel.domain.report.Completions.completed;
import static org.assertj.core.api.Assertions.assertThat;

/** A spreadsheet's rows: only assessments of a team in a round whose figures are shown. */
class ShownOneByOneTest {

    @Test
    void every_row_when_every_team_in_the_round_is_shown_in_order_of_round_team_and_id() {
        List<Completion> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(completed("t-b", "r-1", "2026-03-0" + (i + 1) + "T10:00:00Z", "cccccc"));
            all.add(completed("t-a", "r-1", "2026-03-0" + (i + 1) + "T11:00:00Z", "aaaaaa"));
            all.add(completed("t-a", "r-0", "2026-02-0" + (i + 1) + "T11:00:00Z", "bbbbbb"));
        }

        List<Completion> rows = ReportBasis.of(all, Map.of(), 5).shownOneByOne();

        assertThat(rows).hasSize(15);
        assertThat(rows).isSortedAccordingTo(java.util.Comparator.comparing(Completion::roundId)
                .thenComparing(Completion::teamId).thenComparing(Completion::assessmentId));
        assertThat(rows.get(0).roundId()).isEqualTo("r-0");
        assertThat(rows.get(5).teamId()).isEqualTo("t-a");
        assertThat(rows.get(10).teamId()).isEqualTo("t-b");
    }

    @Test
    void no_row_of_a_hidden_team_nor_of_the_team_hidden_beside_it() {
        List<Completion> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(completed("t-big", "r-1", "2026-03-0" + (i + 1) + "T10:00:00Z", "cccccc"));
        }
        for (int i = 0; i < 7; i++) {
            all.add(completed("t-other", "r-1", "2026-03-0" + (i + 1) + "T12:00:00Z", "bbbbbb"));
        }
        all.add(completed("t-small", "r-1", "2026-03-02T11:00:00Z", "aaaaaa"));
        all.add(completed("t-small", "r-1", "2026-03-03T11:00:00Z", "aaaaaa"));
        ReportBasis basis = ReportBasis.of(all, Map.of(), 5);

        List<Completion> rows = basis.shownOneByOne();

        assertThat(rows).noneMatch(row -> row.teamId().equals("t-small"));
        assertThat(rows).allMatch(row -> basis.floor().suppression(GroupKey.teamInRound(row.teamId(), row.roundId()))
                .isEmpty());
        int left = all.size() - rows.size();
        assertThat(left).as("what the rows leave out of the round: none, or at least the minimum")
                .isGreaterThanOrEqualTo(5);
    }
}
