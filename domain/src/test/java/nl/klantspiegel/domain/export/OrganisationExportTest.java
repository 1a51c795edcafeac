package nl.klantspiegel.domain.export;

import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import nl.klantspiegel.domain.release.ResultsReleased;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An organisation's export holds of its respondents what its reports show, and no more. */
class OrganisationExportTest {

    private static final Instant STARTED = Instant.parse("2026-03-02T09:13:07.123Z");
    private static final Instant RELEASED = Instant.parse("2026-03-02T11:00:00Z");
    private static final String ID = "0d4ab95a-357d-4fa4-a2cf-275c627d47cc";
    private final Pseudonyms pseudonyms = new Pseudonyms("an installation's secret of 32+ bytes"
            .getBytes(StandardCharsets.UTF_8));

    private static List<OrganisationExport.IdentifiedEvent> events() {
        Map<Integer, Option> answers = new HashMap<>();
        for (int question = 1; question <= 6; question++) {
            answers.put(question, Option.B);
        }
        Score score = Instruments.current().score(answers);
        return List.of(
                new OrganisationExport.IdentifiedEvent("e-0", 0, new AssessmentStarted(ID, 1, Language.EN, STARTED,
                        new Participation("acme", "r1", "t-small"))),
                new OrganisationExport.IdentifiedEvent("e-1", 1, new AnswerGiven(ID, 1, Option.A,
                        STARTED.plusSeconds(20))),
                new OrganisationExport.IdentifiedEvent("e-2", 2, new AnswerGiven(ID, 1, Option.B,
                        STARTED.plusSeconds(31))),
                new OrganisationExport.IdentifiedEvent("e-3", 3, new AssessmentCompleted(ID, 1, score.answers(),
                        score.columnTotals(), score.total(), score.band(), STARTED.plusSeconds(90))));
    }

    @Test
    void a_released_assessment_is_named_by_its_pseudonym_at_the_time_of_its_release_without_language() {
        ResultsReleased.Batch batch = new ResultsReleased.Batch("r1", "t-small", List.of(ID));

        List<OrganisationExport.Line> lines = OrganisationExport.assessment(pseudonyms, "acme", batch, RELEASED,
                events());

        String name = pseudonyms.of("acme", ID);
        assertThat(lines).extracting(OrganisationExport.Line::type).containsExactly("AssessmentStarted",
                "AnswerGiven", "AnswerGiven", "AssessmentCompleted");
        assertThat(lines).extracting(OrganisationExport.Line::sequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.aggregateId()).isEqualTo(name);
            assertThat(line.at()).isEqualTo(RELEASED);
            assertThat(line.eventId()).startsWith("p-").doesNotContain("e-");
            assertThat(line.payload().toString()).doesNotContain(ID).doesNotContain(STARTED.toString());
        });
        OrganisationExport.Start start = (OrganisationExport.Start) lines.get(0).payload();
        assertThat(start).isEqualTo(new OrganisationExport.Start(name, 1, "acme", "r1", "t-small", RELEASED));
        assertThat(((AnswerGiven) lines.get(1).payload()).option()).isEqualTo(Option.A);
        assertThat(((AssessmentCompleted) lines.get(3).payload()).totalScore()).isEqualTo(18);
    }

    @Test
    void a_pooled_batch_names_no_team() {
        List<OrganisationExport.Line> lines = OrganisationExport.assessment(pseudonyms, "acme",
                new ResultsReleased.Batch("r1", null, List.of(ID)), RELEASED, events());
        assertThat(((OrganisationExport.Start) lines.get(0).payload()).teamId()).isNull();
    }

    @Test
    void a_release_shows_its_batches_without_assessments_and_only_those_of_todays_minimum() {
        ResultsReleased released = new ResultsReleased("acme", 4, RELEASED.minusSeconds(60), 5,
                List.of(new ResultsReleased.Batch("r1", "a", List.of("1", "2", "3", "4", "5")),
                        new ResultsReleased.Batch("r1", null, List.of("6", "7", "8", "9", "10", "11"))), RELEASED);

        OrganisationExport.Release shown = OrganisationExport.release(released, 6);

        assertThat(shown.number()).isEqualTo(4);
        assertThat(shown.at()).isEqualTo(RELEASED);
        assertThat(shown.minimumGroupSize()).isEqualTo(5);
        assertThat(shown.completed()).containsExactly(new OrganisationExport.Batch("r1", null, 6));
        assertThat(OrganisationExport.release(released, 5).completed()).hasSize(2);
        assertThat(OrganisationExport.shown(released.completed().get(0), 5)).isTrue();
        assertThat(OrganisationExport.shown(released.completed().get(0), 6)).isFalse();
    }

    @Test
    void only_an_assessments_own_kinds_of_event_are_exported() {
        assertThatThrownBy(() -> new OrganisationExport.IdentifiedEvent(null, 0, events().get(0).event()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OrganisationExport.Line(null, "a", "e", 0, RELEASED, "x"))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OrganisationExport.Line("t", "a", "e", 0, RELEASED, null))
                .isInstanceOf(NullPointerException.class);
    }
}
