package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.AnswerChangesQuery.AnswerChangeReport;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.application.testing.CatchUps;
import nl.klantspiegel.application.testing.InMemoryAnswerChangeFacts;
import nl.klantspiegel.application.testing.InMemoryOrganisationViews;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.TeamAdded;
import nl.klantspiegel.domain.report.AnswerChanges;
import nl.klantspiegel.domain.report.AnswerChanges.Change;
import nl.klantspiegel.domain.report.SuppressionReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;

import static nl.klantspiegel.domain.instrument.Option.A;
import static nl.klantspiegel.domain.instrument.Option.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswerChangeServiceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Caller ADMIN = new Caller("m-admin", false);
    private static final Caller ANALYST = new Caller("m-analyst", false);
    private static final Caller LEAD = new Caller("m-lead", false);
    private static final Caller STRANGER = new Caller("m-stranger", false);
    private static final Caller OPERATOR = new Caller("op", true);

    final InMemoryAnswerChangeFacts facts = new InMemoryAnswerChangeFacts();
    final InMemoryOrganisationViews views = new InMemoryOrganisationViews();
    final AnswerChangeService service = new AnswerChangeService(facts, views, CatchUps.onlyCaughtUp(
            nl.klantspiegel.application.organisation.OrganisationViewProjection.PROCESSING_GROUP,
            AnswerChangeProjection.PROCESSING_GROUP),
            Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC), Duration.ofSeconds(5));

    @BeforeEach
    void anOrganisationWithTwoRounds() {
        Actor admin = Actor.member(ADMIN.accountId());
        Organisation acme = Organisation.registeredWith(new OrganisationRegistered("acme", "Acme", 3,
                Actor.operator("op"), T0));
        for (var event : List.of(
                new MemberAdded("acme", ADMIN.accountId(), Role.ADMIN, List.of(), Actor.operator("op"), T0),
                new TeamAdded("acme", "t-1", "Sales", admin, T0),
                new MemberAdded("acme", ANALYST.accountId(), Role.ANALYST, List.of(), admin, T0),
                new MemberAdded("acme", LEAD.accountId(), Role.TEAM_LEAD, List.of("t-1"), admin, T0),
                new RoundOpened("acme", "r-1", "Spring", List.of(), null, "token-1", admin, T0),
                new RoundOpened("acme", "r-2", "Autumn", List.of(), null, "token-2", admin, T0))) {
            acme = acme.evolve(event);
        }
        views.save(OrganisationView.of(acme));
        // r-1: four AVERAGE (two changed), one HIGH; r-2: three AVERAGE, one changed
        for (int i = 0; i < 4; i++) {
            complete("r-1", "avg-" + i, Band.AVERAGE, i < 2 ? List.of(new Change(1, A, B)) : List.of());
        }
        complete("r-1", "high-0", Band.HIGH, List.of());
        for (int i = 0; i < 3; i++) {
            complete("r-2", "late-" + i, Band.AVERAGE, i == 0 ? List.of(new Change(6, B, A)) : List.of());
        }
    }

    private void complete(String round, String id, Band band, List<Change> changes) {
        facts.complete(new Participation("acme", round, "t-1"), new AnswerChanges.Completed(id, round, band, changes));
    }

    @Test
    void the_organisation_and_its_rounds() {
        ReportAnswer<AnswerChangeReport> answer = service.answerChanges(ANALYST, "acme", null);

        assertThat(answer.report().roundId()).isNull();
        assertThat(answer.report().groups()).extracting(AnswerChanges.Group::key)
                .containsExactly("organisation", "round:r-1", "round:r-2");
        assertThat(answer.report().groups()).extracting(AnswerChanges.Group::n)
                .containsExactly(OptionalInt.of(8), OptionalInt.of(5), OptionalInt.of(3));
        assertThat(answer.report().groups().get(0).changes()).contains(3);
        assertThat(answer.provenance().minimumGroupSize()).isEqualTo(3);
        assertThat(answer.provenance().computedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(answer.provenance().position()).isPresent();
    }

    @Test
    void one_round_and_its_bands_under_the_floor() {
        ReportAnswer<AnswerChangeReport> answer = service.answerChanges(ADMIN, "acme", "r-1");

        List<AnswerChanges.Group> groups = answer.report().groups();
        assertThat(groups).extracting(AnswerChanges.Group::key)
                .containsExactly("round", "band:LOW", "band:AVERAGE", "band:HIGH");
        assertThat(groups.get(0).counts()).containsExactly(new AnswerChanges.Count(1, A, B, 2));
        // HIGH has one: hidden; one is fewer than 3, so AVERAGE (4) is hidden too; LOW is empty
        assertThat(groups.get(3).suppression()).contains(SuppressionReason.BELOW_MINIMUM);
        assertThat(groups.get(2).suppression()).contains(SuppressionReason.COMPLEMENTARY);
    }

    @Test
    void who_may_ask() {
        assertThatThrownBy(() -> service.answerChanges(LEAD, "acme", null)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.answerChanges(OPERATOR, "acme", null)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.answerChanges(STRANGER, "acme", null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.answerChanges(ADMIN, "nowhere", null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.answerChanges(ADMIN, "acme", "r-9")).isInstanceOf(NotFound.class);
    }
}
