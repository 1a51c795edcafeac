package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.application.port.in.RescoringQuery.RescoringReport;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.port.out.Scorings;
import nl.klantspiegel.application.testing.CatchUps;
import nl.klantspiegel.application.testing.InMemoryOrganisationViews;
import nl.klantspiegel.application.testing.InMemoryReportFacts;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.TeamAdded;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.report.Completion;
import nl.klantspiegel.domain.report.GroupKey;
import nl.klantspiegel.domain.scoring.AlternativeScoring;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RescoringServiceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Caller ANALYST = new Caller("m-analyst", false);
    private static final Caller LEAD = new Caller("m-lead", false);
    private static final String LIMITS = "id = limits\nversion = %d\ninstrument = 1\nband.LOW = 6-%d\n"
            + "band.AVERAGE = %d-25\nband.HIGH = 26-30\n";

    final InMemoryReportFacts facts = new InMemoryReportFacts();
    final InMemoryOrganisationViews views = new InMemoryOrganisationViews();
    final ReportService reports = new ReportService(new ReleasedResults(facts, 10), views, CatchUps.caughtUp(),
            Clock.fixed(T0.plusSeconds(86_400 * 20), ZoneOffset.UTC));
    final Map<Integer, Map<Option, Integer>> own = AlternativeScoring.pointsOf(Instruments.current());
    final RescoringService service = new RescoringService(reports, new Scorings() {
        @Override
        public List<AlternativeScoring> valid() {
            return List.of(AlternativeScoring.parse(LIMITS.formatted(2, 18, 19), own),
                    AlternativeScoring.parse(LIMITS.formatted(1, 14, 15), own));
        }

        @Override
        public List<Refused> refused() {
            return List.of(new Refused("broken.properties", "missing id"));
        }
    });

    @BeforeEach
    void aRoundOfFiveAndFive() {
        Actor admin = Actor.operator("op");
        Organisation acme = Organisation.registeredWith(new OrganisationRegistered("acme", "Acme", 5, admin, T0));
        for (var event : List.of(
                new MemberAdded("acme", ANALYST.accountId(), Role.ANALYST, List.of(), admin, T0),
                new TeamAdded("acme", "t-a", "A", admin, T0),
                new TeamAdded("acme", "t-b", "B", admin, T0),
                new MemberAdded("acme", LEAD.accountId(), Role.TEAM_LEAD, List.of("t-a"), admin, T0),
                new RoundOpened("acme", "r-1", "Voorjaar", List.of(), null, "token", admin, T0))) {
            acme = acme.evolve(event);
        }
        views.save(OrganisationView.of(acme));
        for (int i = 0; i < 5; i++) {
            complete("a-" + i, "t-a", Option.A, i);   // 16: AVERAGE under the own limits (15-22), LOW under 6-18
            complete("c-" + i, "t-b", Option.C, i);   // 20: AVERAGE under both
        }
        Instant released = T0.plus(Duration.ofDays(7));
        facts.released(new ResultsReleased("acme", 1, released, 5, List.of(
                new ResultsReleased.Batch("r-1", "t-a", List.of("a-0", "a-1", "a-2", "a-3", "a-4")),
                new ResultsReleased.Batch("r-1", "t-b", List.of("c-0", "c-1", "c-2", "c-3", "c-4"))), released));
    }

    private void complete(String id, String team, Option option, int day) {
        Map<Integer, Option> answers = new HashMap<>();
        for (int question = 1; question <= 6; question++) {
            answers.put(question, option);
        }
        Score score = Instruments.current().score(answers);
        Participation where = new Participation("acme", "r-1", team);
        facts.apply(new ReportFacts.Changes(Map.of(id, new ReportFacts.Started(where, T0)), List.of(
                new ReportFacts.Filed(where, new Completion(id, "r-1", team, T0.plus(Duration.ofDays(day + 1)), 1,
                        score.answers(), score.band())))));
    }

    @Test
    void the_newest_version_of_a_scoring_applied_to_the_last_round_per_group() {
        ReportAnswer<RescoringReport> answer = service.rescoring(ANALYST, "acme", "limits", null);

        assertThat(answer.report().scoring().version()).isEqualTo(2);
        assertThat(answer.report().roundId()).isEqualTo("r-1");
        assertThat(answer.report().groups()).extracting(group -> group.key())
                .containsExactly(GroupKey.round("r-1"), GroupKey.teamInRound("t-a", "r-1"),
                        GroupKey.teamInRound("t-b", "r-1"));
        var round = answer.report().groups().get(0);
        assertThat(round.own()).isEqualTo(Map.of(Band.LOW, 0, Band.AVERAGE, 10, Band.HIGH, 0));
        assertThat(round.alternative()).isEqualTo(Map.of(Band.LOW, 5, Band.AVERAGE, 5, Band.HIGH, 0));
        assertThat(round.moved()).isEqualTo(5);
        assertThat(answer.provenance().minimumGroupSize()).isEqualTo(5);
        assertThat(facts.isEmpty()).as("nothing stored was touched").isFalse();
    }

    @Test
    void the_scorings_there_are_and_the_files_refused() {
        assertThat(service.scorings().scorings()).extracting(AlternativeScoring::version).containsExactly(1, 2);
        assertThat(service.scorings().refused()).containsExactly("broken.properties: missing id");
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> service.rescoring(ANALYST, "acme", "nope", null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.rescoring(LEAD, "acme", "limits", null)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.rescoring(ANALYST, "acme", "limits", "r-9")).isInstanceOf(NotFound.class);
    }
}
