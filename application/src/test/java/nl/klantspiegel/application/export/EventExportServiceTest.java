package nl.klantspiegel.application.export;

import nl.klantspiegel.application.organisation.RecordExportCommand;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ExportEventsUseCase.ExportedEvent;
import nl.klantspiegel.application.port.in.ExportEventsUseCase.Filter;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.application.testing.InMemoryEventLog;
import nl.klantspiegel.application.testing.InMemoryOrganisationViews;
import nl.klantspiegel.application.testing.InMemoryReportFacts;
import nl.klantspiegel.domain.account.AccountActivated;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.TeamAdded;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventExportServiceTest {

    private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");
    private static final Caller ADMIN = new Caller("m-admin", false);
    private static final Caller ANALYST = new Caller("m-analyst", false);
    private static final Caller LEAD = new Caller("m-lead", false);
    private static final Caller OTHER_ADMIN = new Caller("m-other", false);
    private static final Caller OPERATOR = new Caller("op", true);
    private static final Participation ACME = new Participation("acme", "r-1", "t-1");
    private static final Participation OTHER = new Participation("other", "r-9", "t-9");

    final InMemoryEventLog log = new InMemoryEventLog();
    final InMemoryReportFacts facts = new InMemoryReportFacts();
    final InMemoryOrganisationViews organisations = new InMemoryOrganisationViews();
    final List<RecordExportCommand> recorded = new ArrayList<>();
    EventExportService service;

    @BeforeEach
    void setUp() {
        organisations.save(view("acme", List.of(
                new MemberAdded("acme", "m-admin", Role.ADMIN, List.of(), Actor.operator("op"), T0),
                new TeamAdded("acme", "t-1", "Sales", Actor.member("m-admin"), T0),
                new MemberAdded("acme", "m-analyst", Role.ANALYST, List.of(), Actor.member("m-admin"), T0),
                new MemberAdded("acme", "m-lead", Role.TEAM_LEAD, List.of("t-1"), Actor.member("m-admin"), T0))));
        organisations.save(view("other", List.of(
                new MemberAdded("other", "m-other", Role.ADMIN, List.of(), Actor.operator("op"), T0))));
        service = new EventExportService(log, facts, organisations, recorded::add,
                Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC));
    }

    private static OrganisationView view(String id, List<nl.klantspiegel.domain.organisation.OrganisationEvent> events) {
        Organisation organisation = Organisation.registeredWith(
                new OrganisationRegistered(id, id, 5, Actor.operator("op"), T0));
        for (var event : events) {
            organisation = organisation.evolve(event);
        }
        return OrganisationView.of(organisation);
    }

    /** A history of two organisations, the public test and an account, interleaved. */
    private void history() {
        log.add(new OrganisationRegistered("acme", "Acme", 5, Actor.operator("op"), T0));        // 1
        log.add(new OrganisationRegistered("other", "Other", 5, Actor.operator("op"), T0));      // 2
        log.add(new AccountActivated("m-admin", T0));                                          // 3
        log.add(new AssessmentStarted("a-acme", 1, Language.NL, T0, ACME));                    // 4
        log.add(new AssessmentStarted("a-public", 1, Language.NL, T0));                        // 5
        log.add(new AssessmentStarted("a-other", 1, Language.NL, T0, OTHER));                  // 6
        log.add(new AnswerGiven("a-acme", 1, Option.A, T0.plusSeconds(60)));                   // 7
        log.add(new AnswerGiven("a-public", 1, Option.B, T0.plusSeconds(60)));                 // 8
        log.add(new AnswerGiven("a-other", 1, Option.C, T0.plusSeconds(60)));                  // 9
        log.add(new AnswerGiven("a-acme", 2, Option.B, T0.plusSeconds(120)));                  // 10
    }

    @Test
    void the_operator_exports_every_event_in_position_order() throws Exception {
        history();
        var export = service.everything(OPERATOR, new Filter(0, null, null, Set.of()));

        List<ExportedEvent> events = stream(export);

        assertThat(events).extracting(ExportedEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(export.head()).isEqualTo(10);
        assertThat(export.organisationId()).isEmpty();
        export.finished(10, "h", true);
        export.finished(10, "h", true);
        assertThat(recorded).as("in every organisation's audit trail, once: each one's data left with it")
                .containsExactlyInAnyOrder(
                        new RecordExportCommand("acme", export.exportId(), "all-events", "", 10, "h", true,
                                OPERATOR.actor(), T0.plusSeconds(3600)),
                        new RecordExportCommand("other", export.exportId(), "all-events", "", 10, "h", true,
                                OPERATOR.actor(), T0.plusSeconds(3600)));
    }

    @Test
    void an_organisation_sees_its_own_events_and_those_of_assessments_in_its_rounds_only() throws Exception {
        history();

        List<ExportedEvent> acme = stream(service.ofOrganisation(ANALYST, "acme", new Filter(0, null, null, Set.of())));
        List<ExportedEvent> other = stream(service.ofOrganisation(OTHER_ADMIN, "other",
                new Filter(0, null, null, Set.of())));

        assertThat(acme).extracting(ExportedEvent::position).containsExactly(1L, 4L, 7L, 10L);
        assertThat(other).extracting(ExportedEvent::position).containsExactly(2L, 6L, 9L);
    }

    @Test
    void resuming_after_a_position_finds_where_earlier_assessments_were_taken_from_the_facts_or_the_log() throws Exception {
        history();
        facts.started("a-acme", ACME);

        List<ExportedEvent> acme = stream(service.ofOrganisation(ADMIN, "acme", new Filter(6, null, null, Set.of())));

        assertThat(acme).extracting(ExportedEvent::position).containsExactly(7L, 10L);
        assertThat(log.askedForStarts).as("the public test's and other's assessments, unknown to the facts, once")
                .containsExactlyInAnyOrder(Set.of("a-public", "a-other"));
    }

    @Test
    void an_assessment_unknown_to_the_facts_is_found_through_its_start_in_the_log() throws Exception {
        history();

        List<ExportedEvent> acme = stream(service.ofOrganisation(ADMIN, "acme", new Filter(6, null, null, Set.of())));

        assertThat(acme).extracting(ExportedEvent::position).containsExactly(7L, 10L);
    }

    @Test
    void filters_by_type_and_time_and_reads_in_windows_up_to_the_head_at_its_start() throws Exception {
        for (int i = 0; i < 1_200; i++) {
            log.add(new AnswerGiven("a-" + i, 1, Option.A, T0.plusSeconds(i)));
        }
        log.add(new AssessmentStarted("a-x", 1, Language.EN, T0.plusSeconds(5_000)));
        var export = service.everything(OPERATOR, new Filter(0, T0.plusSeconds(100), T0.plusSeconds(1_100),
                Set.of("AnswerGiven")));
        log.add(new AnswerGiven("late", 1, Option.A, T0.plusSeconds(500)));

        List<ExportedEvent> events = stream(export);

        assertThat(events).hasSize(1_000);
        assertThat(events.get(0).position()).isEqualTo(101);
        assertThat(events.get(999).position()).isEqualTo(1_100);
        assertThat(log.reads).as("windows of " + EventExportService.WINDOW + " up to the head")
                .containsExactly("0..1201", "500..1201", "1000..1201");
    }

    @Test
    void the_export_carries_what_was_stored() throws Exception {
        log.add(new AnswerGiven("a-1", 3, Option.C, T0));
        ExportedEvent event = stream(service.everything(OPERATOR, new Filter(0, null, null, Set.of()))).get(0);
        assertThat(event).isEqualTo(new ExportedEvent(1, "e-1", "AnswerGiven", "1", "Aggregate", "a-1", 0, T0,
                "{\"n\":1}"));
    }

    @Test
    void an_organisations_export_is_recorded_once_in_its_audit_trail() throws Exception {
        history();
        var export = service.ofOrganisation(ADMIN, "acme", new Filter(3, null, null, Set.of("AnswerGiven")));
        stream(export);

        export.finished(2, "abc", true);
        export.finished(2, "abc", true);

        assertThat(recorded).containsExactly(new RecordExportCommand("acme", export.exportId(), "events",
                "after=3 type=AnswerGiven", 2, "abc", true, Actor.member("m-admin"), T0.plusSeconds(3600)));
    }

    @Test
    void who_may_export_what() {
        Filter all = new Filter(0, null, null, Set.of());
        assertThatThrownBy(() -> service.everything(ADMIN, all)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.ofOrganisation(OPERATOR, "acme", all)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.ofOrganisation(LEAD, "acme", all)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.ofOrganisation(OTHER_ADMIN, "acme", all)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.ofOrganisation(ADMIN, "nowhere", all)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.ofOrganisation(ADMIN, null, all)).isInstanceOf(NotFound.class);
    }

    @Test
    void bad_filters_are_refused() {
        assertThatThrownBy(() -> new Filter(-1, null, null, Set.of())).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> new Filter(0, T0, T0, Set.of())).isInstanceOf(InvalidRequest.class)
                .hasMessage("from must be before to.");
        assertThatThrownBy(() -> service.everything(OPERATOR, new Filter(0, null, null, Set.of("Nope"))))
                .isInstanceOf(InvalidRequest.class).hasMessageStartingWith("Unknown event type Nope; known are ")
                .hasMessageContaining("AccountActivated, AnswerGiven, ").hasMessageEndingWith("TeamRetired.");
    }

    @Test
    void the_filter_reads_as_text() {
        assertThat(new Filter(0, null, null, null).text()).isEmpty();
        assertThat(new Filter(0, T0, null, Set.of()).text()).isEqualTo("from=2026-05-01T09:00:00Z");
        assertThat(new Filter(0, null, T0, Set.of()).text()).isEqualTo("to=2026-05-01T09:00:00Z");
        assertThat(new Filter(0, null, null, Set.of("B", "A")).text()).isEqualTo("type=A,B");
        assertThat(new Filter(7, T0, T0.plusSeconds(1), Set.of("A")).text())
                .isEqualTo("after=7 from=2026-05-01T09:00:00Z to=2026-05-01T09:00:01Z type=A");
    }

    @Test
    void the_known_event_types_are_every_event_of_the_domain() {
        assertThat(service.eventTypes()).contains("AssessmentStarted", "AnswerGiven", "AssessmentCompleted",
                "OrganisationRegistered", "DataExported", "RoundOpened", "AccountActivated").hasSize(19);
    }

    private static List<ExportedEvent> stream(nl.klantspiegel.application.port.in.ExportEventsUseCase.EventExport export)
            throws Exception {
        List<ExportedEvent> events = new ArrayList<>();
        long count = export.streamTo(events::add);
        assertThat(count).isEqualTo(events.size());
        return events;
    }
}
