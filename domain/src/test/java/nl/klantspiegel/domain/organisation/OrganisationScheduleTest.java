package nl.klantspiegel.domain.organisation;

import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.organisation.OrganisationRefused.Rule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static nl.klantspiegel.domain.organisation.OrganisationScenario.ADMIN;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ORG;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ROUND;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ROUND_NAME;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.SALES;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.SERVICE;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.T0;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.T1;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.anOrganisationWithAnAdmin;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.assertRefused;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.roundClosed;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.teamAdded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rounds opened for a later moment, and the product keeping their schedules: a round takes assessments from the
 * moment it was opened for until its closing time, and the product puts both moments on record (for the audit trail),
 * each once, at the moment it was set for.
 */
class OrganisationScheduleTest {

    private static final Instant OPENS = T0.plus(Duration.ofDays(3));
    private static final Instant CLOSES = OPENS.plus(Duration.ofDays(14));

    private static OrganisationScenario.Given withTeams() {
        return anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"));
    }

    private static RoundOpened scheduled(Instant opensAt, Instant closesAt) {
        return new RoundOpened(ORG, ROUND, ROUND_NAME, List.of(), closesAt, "token-" + ROUND, ADMIN, T0, opensAt);
    }

    @Test
    void an_admin_opens_a_round_for_a_later_moment() {
        withTeams().when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), OPENS, CLOSES, "token-" + ROUND, ADMIN, T0))
                .then(scheduled(OPENS, CLOSES));
    }

    @Test
    void a_moment_that_is_not_later_opens_the_round_at_once() {
        withTeams().when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), T0, null, "token-" + ROUND, ADMIN, T0))
                .then(scheduled(null, null));
        withTeams().when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), T0.minusSeconds(1), null, "token-" + ROUND,
                ADMIN, T0)).then(scheduled(null, null));
        withTeams().when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), T0.plusMillis(1), null, "token-" + ROUND,
                ADMIN, T0)).then(scheduled(T0.plusMillis(1), null));
    }

    @Test
    void a_round_opens_at_most_a_year_ahead() {
        Instant limit = T0.plus(Organisation.LONGEST_SCHEDULE);
        withTeams().when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), limit, null, "token-" + ROUND, ADMIN, T0))
                .then(scheduled(limit, null));
        withTeams().when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), limit.plusSeconds(1), null, "token-" + ROUND,
                        ADMIN, T0)).thenRefused(Rule.OPENING_TIME_OUT_OF_RANGE)
                .hasMessage("A round can be opened at most 366 days ahead.");
    }

    @Test
    void its_closing_time_lies_after_the_moment_it_opens() {
        withTeams().when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), OPENS, OPENS, "token-" + ROUND, ADMIN, T0))
                .thenRefused(Rule.CLOSING_TIME_NOT_AHEAD)
                .hasMessage("A round's closing time must lie after the moment it opens.");
        withTeams().when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), OPENS, OPENS.plusMillis(1), "token-" + ROUND,
                ADMIN, T0)).then(scheduled(OPENS, OPENS.plusMillis(1)));
        withTeams().when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), null, T0, "token-" + ROUND, ADMIN, T0))
                .thenRefused(Rule.CLOSING_TIME_NOT_AHEAD).hasMessage("A round's closing time must lie ahead.");
    }

    @Test
    void before_its_moment_a_round_admits_nobody_and_says_when_it_opens() {
        Organisation organisation = withTeams().and(scheduled(OPENS, CLOSES)).state();
        assertRefused(() -> organisation.admit(ROUND, SALES, OPENS.minusMillis(1)), Rule.ROUND_NOT_OPEN_YET)
                .hasMessage("Round 'Spring 2027' opens at " + OPENS + ": it takes no assessments before.");

        assertThat(organisation.admit(ROUND, SALES, OPENS)).isEqualTo(new Participation(ORG, ROUND, SALES));
        assertRefused(() -> organisation.admit(ROUND, SALES, CLOSES), Rule.ROUND_CLOSED);
    }

    @Test
    void the_states_of_a_scheduled_round_over_time() {
        Organisation.Round round = withTeams().and(scheduled(OPENS, CLOSES)).state().findRound(ROUND).orElseThrow();

        assertThat(round.openedAt()).isEqualTo(T0);
        assertThat(round.opensAt()).isEqualTo(OPENS);
        assertThat(round.started()).isFalse();
        assertThat(round.isScheduledAt(OPENS.minusMillis(1))).isTrue();
        assertThat(round.isOpenAt(OPENS.minusMillis(1))).isFalse();
        assertThat(round.isScheduledAt(OPENS)).isFalse();
        assertThat(round.isOpenAt(OPENS)).isTrue();
        assertThat(round.closedAt(OPENS)).isFalse();
        assertThat(round.isOpenAt(CLOSES)).isFalse();
        assertThat(round.closedAt(CLOSES)).isTrue();
    }

    @Test
    void a_round_opened_at_once_opens_when_it_was_opened_and_has_begun() {
        Organisation.Round round = withTeams().and(scheduled(null, null)).state().findRound(ROUND).orElseThrow();

        assertThat(round.opensAt()).isEqualTo(T0);
        assertThat(round.started()).isTrue();
        assertThat(round.isScheduledAt(T0.minusMillis(1))).isTrue(); // before it was opened it was not open either
        assertThat(round.isOpenAt(T0)).isTrue();
    }

    @Test
    void a_round_closed_later_was_open_before_its_close_and_one_cancelled_was_scheduled_before() {
        Organisation.Round closedByAdmin = withTeams().and(scheduled(null, CLOSES), roundClosed(ROUND, T1)).state()
                .findRound(ROUND).orElseThrow();
        assertThat(closedByAdmin.isOpenAt(T1.minusMillis(1))).isTrue();
        assertThat(closedByAdmin.isOpenAt(T1)).isFalse();
        Organisation.Round closedByTime = withTeams().and(scheduled(null, CLOSES),
                new RoundClosed(ORG, ROUND, Actor.system(), CLOSES)).state().findRound(ROUND).orElseThrow();
        assertThat(closedByTime.isOpenAt(CLOSES.minusMillis(1))).as("a history filled in afterwards").isTrue();
        Organisation.Round cancelled = withTeams().and(scheduled(OPENS, CLOSES), roundClosed(ROUND, T1)).state()
                .findRound(ROUND).orElseThrow();
        assertThat(cancelled.isScheduledAt(T1.minusMillis(1))).isTrue();
        assertThat(cancelled.isScheduledAt(T1)).isFalse();
    }

    @Test
    void an_admin_may_close_a_round_that_has_not_begun_and_it_never_begins() {
        OrganisationScenario.Given given = withTeams().and(scheduled(OPENS, CLOSES));
        given.when(o -> o.closeRound(ROUND, ADMIN, T1)).then(roundClosed(ROUND, T1));

        Organisation cancelled = given.and(roundClosed(ROUND, T1)).state();
        Organisation.Round round = cancelled.findRound(ROUND).orElseThrow();
        assertThat(round.isScheduledAt(T1)).isFalse();
        assertThat(round.isOpenAt(OPENS)).isFalse();
        assertRefused(() -> cancelled.admit(ROUND, SALES, OPENS), Rule.ROUND_CLOSED);
        assertThat(cancelled.keepSchedule(CLOSES.plusSeconds(1))).isEmpty();
        assertRefused(() -> cancelled.closeRound(ROUND, ADMIN, T1.plusSeconds(1)), Rule.ROUND_CLOSED);
    }

    @Test
    void the_product_records_the_beginning_at_its_moment_once() {
        OrganisationScenario.Given given = withTeams().and(scheduled(OPENS, CLOSES));
        given.when(o -> o.keepSchedule(OPENS.minusMillis(1))).thenNothing();
        given.when(o -> o.keepSchedule(OPENS)).then(new RoundStarted(ORG, ROUND, Actor.system(), OPENS));
        given.when(o -> o.keepSchedule(OPENS.plusSeconds(90)))
                .then(new RoundStarted(ORG, ROUND, Actor.system(), OPENS));

        Organisation started = given.and(new RoundStarted(ORG, ROUND, Actor.system(), OPENS)).state();
        assertThat(started.findRound(ROUND).orElseThrow().started()).isTrue();
        assertThat(started.findRound(ROUND).orElseThrow().isOpenAt(OPENS)).isTrue();
        assertThat(started.keepSchedule(OPENS.plusSeconds(90))).isEmpty();
    }

    @Test
    void the_product_closes_a_round_at_its_closing_time_once() {
        OrganisationScenario.Given given = withTeams().and(scheduled(null, CLOSES));
        given.when(o -> o.keepSchedule(CLOSES.minusMillis(1))).thenNothing();
        given.when(o -> o.keepSchedule(CLOSES)).then(new RoundClosed(ORG, ROUND, Actor.system(), CLOSES));

        Organisation closed = given.and(new RoundClosed(ORG, ROUND, Actor.system(), CLOSES)).state();
        assertThat(closed.findRound(ROUND).orElseThrow().closedAt()).isEqualTo(CLOSES);
        assertThat(closed.keepSchedule(CLOSES.plusSeconds(60))).isEmpty();
    }

    @Test
    void a_schedule_found_late_records_both_moments_in_their_order() {
        withTeams().and(scheduled(OPENS, CLOSES)).when(o -> o.keepSchedule(CLOSES.plusSeconds(5))).then(
                new RoundStarted(ORG, ROUND, Actor.system(), OPENS),
                new RoundClosed(ORG, ROUND, Actor.system(), CLOSES));
    }

    @Test
    void a_round_without_a_closing_time_is_closed_by_nobody_but_an_admin() {
        withTeams().and(scheduled(null, null)).when(o -> o.keepSchedule(CLOSES.plus(Duration.ofDays(999))))
                .thenNothing();
        withTeams().and(scheduled(null, CLOSES), roundClosed(ROUND, T1))
                .when(o -> o.keepSchedule(CLOSES)).thenNothing();
    }

    @Test
    void the_started_record_and_the_close_keep_what_the_round_was() {
        Organisation organisation = withTeams().and(new RoundOpened(ORG, ROUND, ROUND_NAME, List.of(SALES), CLOSES,
                "token-x", ADMIN, T0, OPENS), new RoundStarted(ORG, ROUND, Actor.system(), OPENS),
                new RoundClosed(ORG, ROUND, ADMIN, T1)).state();

        assertThat(organisation.findRound(ROUND).orElseThrow()).isEqualTo(new Organisation.Round(ROUND, ROUND_NAME,
                List.of(SALES), T0, OPENS, CLOSES, T1, "token-x", true));
        assertThat(organisation.version()).isEqualTo(6);
    }
}
