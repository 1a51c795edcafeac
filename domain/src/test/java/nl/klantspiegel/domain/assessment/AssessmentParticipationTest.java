package nl.klantspiegel.domain.assessment;

import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationRefused;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.RoundClosed;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.TeamAdded;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An assessment taken through an organisation's round records where it was taken (organisation, round, team), from
 * its start through every answer to its completion; the public test records none. Only the start depends on the
 * round: the assessment itself knows nothing of rounds, so one that started keeps going when the round closes.
 */
class AssessmentParticipationTest {

    private static final String ID = "0b6c2f1e-8d3a-4c57-9e21-6f0a8b7c5d43";
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofHours(1));
    private static final Instant T2 = T0.plus(Duration.ofHours(2));
    private static final Participation IN_ROUND = new Participation("org-acme", "r-spring", "t-sales");

    @Test
    void starting_in_a_round_records_the_participation_in_the_event() {
        AssessmentStarted started = Assessment.start(new AssessmentId(ID), Language.NL, IN_ROUND, T0);

        assertThat(started).isEqualTo(
                new AssessmentStarted(ID, Instruments.current().version(), Language.NL, T0, IN_ROUND));
        assertThat(started.participationIfAny()).contains(IN_ROUND);
    }

    @Test
    void the_public_test_records_no_participation() {
        AssessmentStarted started = Assessment.start(new AssessmentId(ID), Language.NL, T0);

        assertThat(started.participation()).isNull();
        assertThat(started.participationIfAny()).isEmpty();
        assertThat(Assessment.startedWith(started).participation()).isEmpty();
    }

    @Test
    void the_four_argument_start_event_is_the_public_test() {
        AssessmentStarted publicTest = new AssessmentStarted(ID, 1, Language.EN, T0);

        assertThat(publicTest.participation()).isNull();
        assertThat(publicTest).isEqualTo(new AssessmentStarted(ID, 1, Language.EN, T0, null));
    }

    @Test
    void the_participation_stays_with_the_assessment_through_answers_and_completion() {
        Assessment state = Assessment.startedWith(Assessment.start(new AssessmentId(ID), Language.NL, IN_ROUND, T0));
        assertThat(state.participation()).contains(IN_ROUND);

        for (int question = 1; question <= 6; question++) {
            state = evolve(state, state.answer(question, "a", T1));
            assertThat(state.participation()).contains(IN_ROUND);
        }
        state = evolve(state, state.complete(T1));

        assertThat(state.isCompleted()).isTrue();
        assertThat(state.participation()).contains(IN_ROUND);
        assertThat(state.answers()).containsValues(Option.A).hasSize(6);
    }

    @Test
    void an_assessment_started_in_a_round_can_be_answered_and_completed_after_the_round_closed() {
        Actor admin = Actor.member("m-admin");
        Organisation organisation = Organisation.registeredWith(
                        new OrganisationRegistered("org-acme", "Acme", 5, Actor.operator("op"), T0))
                .evolve(new MemberAdded("org-acme", admin.id(),
                        Role.ADMIN, List.of(), Actor.operator("op"), T0))
                .evolve(new TeamAdded("org-acme", "t-sales", "Sales", admin, T0))
                .evolve(new RoundOpened("org-acme", "r-spring", "Spring", List.of("t-sales"), null, "token", admin,
                        T0));
        Participation admitted = organisation.admit("r-spring", null, T0);
        Assessment assessment = Assessment.startedWith(Assessment.start(new AssessmentId(ID), Language.NL, admitted,
                T0));

        Organisation closed = organisation.evolve(new RoundClosed("org-acme", "r-spring", admin, T1));
        assertThatThrownBy(() -> closed.admit("r-spring", null, T2)).isInstanceOf(OrganisationRefused.class);

        for (int question = 1; question <= 6; question++) {
            List<AssessmentEvent> answered = assessment.answer(question, "b", T2);
            assertThat(answered).containsExactly(new AnswerGiven(ID, question, Option.B, T2));
            assessment = evolve(assessment, answered);
        }
        List<AssessmentEvent> completed = assessment.complete(T2);

        assertThat(completed).singleElement().isInstanceOf(AssessmentCompleted.class);
        assertThat(evolve(assessment, completed).participation()).contains(admitted);
    }

    @Test
    void a_participation_names_organisation_round_and_team() {
        assertThatThrownBy(() -> new Participation(null, "r", "t")).hasMessage("organisationId");
        assertThatThrownBy(() -> new Participation("o", null, "t")).hasMessage("roundId");
        assertThatThrownBy(() -> new Participation("o", "r", null)).hasMessage("teamId");
    }

    private static Assessment evolve(Assessment state, List<AssessmentEvent> events) {
        for (AssessmentEvent event : events) {
            state = state.evolve(event);
        }
        return state;
    }
}
