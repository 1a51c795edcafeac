package nl.klantspiegel.domain.report;

import nl.klantspiegel.domain.instrument.Band;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

/** Response rates from released figures only, against the headcounts the admins gave. */
class ResponseRatesTest {

    private static final String ROUND = "r-1";

    private static GroupReport group(GroupKey key, int n) {
        return n == 0 ? new GroupReport(key, Optional.empty())
                : new GroupReport(key, Optional.of(new GroupFigures(n, 18.0, Optional.empty(),
                new EnumMap<>(Band.class), 2, 2, 2, List.of(), List.of())));
    }

    private static ReportBasis.RoundReport report(int round, int sales, int service) {
        return new ReportBasis.RoundReport(ROUND, group(GroupKey.round(ROUND), round),
                List.of(group(GroupKey.teamInRound("sales", ROUND), sales),
                        group(GroupKey.teamInRound("service", ROUND), service)));
    }

    @Test
    void each_team_its_released_tests_against_its_headcount_and_the_round_against_their_sum() {
        ResponseRates rates = ResponseRates.of(report(13, 10, 0), List.of("sales", "service", "support"),
                Map.of("sales", 20, "service", 8, "support", 12));

        assertThat(rates.teams()).extracting(ResponseRates.ResponseRate::completed).containsExactly(10, 0);
        assertThat(rates.teams().get(0).rate()).hasValue(0.5);
        assertThat(rates.teams().get(1).rate()).hasValue(0.0);
        assertThat(rates.teams().get(1).key()).isEqualTo(GroupKey.teamInRound("service", ROUND));
        assertThat(rates.round().headcount()).isEqualTo(40);
        assertThat(rates.round().completed()).isEqualTo(13); // the pooled rest of teams too small on their own counts
        assertThat(rates.round().rate().getAsDouble()).isCloseTo(13.0 / 40, within(1e-12));
    }

    @Test
    void without_a_headcount_there_is_no_rate_and_the_round_has_none_unless_every_team_has_one() {
        Map<String, Integer> headcounts = new HashMap<>();
        headcounts.put("sales", 20);
        headcounts.put("service", null);
        ResponseRates rates = ResponseRates.of(report(13, 10, 0), List.of("sales", "service"), headcounts);

        assertThat(rates.teams().get(1).headcount()).isNull();
        assertThat(rates.teams().get(1).rate()).isEmpty();
        assertThat(rates.round().headcount()).isNull();
        assertThat(rates.round().rate()).isEmpty();
        assertThat(ResponseRates.of(report(13, 10, 0), List.of("sales", "support"), Map.of("sales", 20))
                .round().headcount()).isNull();
        assertThat(ResponseRates.of(report(0, 0, 0), List.of(), Map.of()).round().headcount()).isNull();
    }

    @Test
    void more_completed_than_the_headcount_says_is_flagged() {
        ResponseRates rates = ResponseRates.of(report(25, 21, 0), List.of("sales"), Map.of("sales", 20));

        assertThat(rates.teams().get(0).exceedsHeadcount()).isTrue();
        assertThat(rates.teams().get(0).rate()).hasValue(21.0 / 20);
        assertThat(new ResponseRates.ResponseRate(GroupKey.round(ROUND), 20, 20).exceedsHeadcount()).isFalse();
        assertThat(new ResponseRates.ResponseRate(GroupKey.round(ROUND), null, 20).exceedsHeadcount()).isFalse();
    }

    @Test
    void nonsense_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ResponseRates.ResponseRate(GroupKey.round(ROUND),
                0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new ResponseRates.ResponseRate(GroupKey.round(ROUND),
                5, -1));
        assertThat(new ResponseRates.ResponseRate(GroupKey.round(ROUND), 1, 0).rate()).hasValue(0.0);
        assertThatNullPointerException().isThrownBy(() -> new ResponseRates.ResponseRate(null, 5, 1));
        assertThatNullPointerException().isThrownBy(() -> new ResponseRates(null, List.of()));
    }
}
