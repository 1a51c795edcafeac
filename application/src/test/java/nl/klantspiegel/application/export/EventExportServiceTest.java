package nl.klantspiegel.application.export;

import nl.klantspiegel.application.organisation.RecordExportCommand;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ExportEventsUseCase.EventExport;
import nl.klantspiegel.application.port.in.ExportEventsUseCase.ExportedEvent;
import nl.klantspiegel.application.port.in.ExportEventsUseCase.Filter;
import nl.klantspiegel.application.port.in.ExportEventsUseCase.Sink;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.EventLog.StoredEvent;
import nl.klantspiegel.application.testing.InMemoryEventLog;
import nl.klantspiegel.application.testing.InMemoryOrganisationViews;
import nl.klantspiegel.application.testing.InMemoryPseudonymKey;
import nl.klantspiegel.domain.account.AccountActivated;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.export.OrganisationExport;
import nl.klantspiegel.domain.export.Pseudonyms;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.DataExported;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.MinimumGroupSizeChanged;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.RoundClosed;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.TeamAdded;
import nl.klantspiegel.domain.release.Releases;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.release.ResultsReleased.Batch;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The event export. The operator's: every event of the installation as stored, in position order, in windows up to
 * the head at its start, recorded in every organisation's audit trail. An organisation's, for its admins and analysts:
 * its own events as stored and its releases (a payload object: batches by round, team or pooled, and size), each
 * followed by the events of the assessments of its shown batches — named by pseudonyms, at the release's time, without
 * language, without team when pooled — and nothing else: nothing unreleased, nothing of another organisation, no
 * batch below today's minimum group size. Positions are the organisation's own (its n-th event or release is n, a
 * release's assessment lines carry the release's), {@code after} counts by them, and the export is recorded once in
 * its audit trail.
 */
class EventExportServiceTest {

    private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");
    private static final Instant CUTOFF_1 = Instant.parse("2026-05-02T10:00:00Z");
    private static final Instant RELEASE_1 = CUTOFF_1.plusMillis(250);
    private static final Instant CUTOFF_2 = Instant.parse("2026-05-03T10:00:00Z");
    private static final Instant RELEASE_2 = CUTOFF_2.plusMillis(250);
    private static final Caller ADMIN = new Caller("m-admin", false);
    private static final Caller ANALYST = new Caller("m-analyst", false);
    private static final Caller LEAD = new Caller("m-lead", false);
    private static final Caller OTHER_ADMIN = new Caller("m-other", false);
    private static final Caller OPERATOR = new Caller("op", true);
    private static final Participation SALES = new Participation("acme", "r-1", "t-1");
    private static final Participation SERVICE = new Participation("acme", "r-1", "t-2");
    private static final Participation OTHER = new Participation("other", "r-9", "t-9");
    private static final Filter ALL = new Filter(0, null, null, Set.of());
    /** An id of an assessment of the history, as a word. */
    private static final Pattern ASSESSMENT_ID = Pattern.compile("\\b[abcop]-\\d+\\b");

    private final InMemoryEventLog log = new InMemoryEventLog();
    private final InMemoryOrganisationViews organisations = new InMemoryOrganisationViews();
    private final List<RecordExportCommand> recorded = new ArrayList<>();
    private final EventExportService service = new EventExportService(log, organisations,
            new InMemoryPseudonymKey(), recorded::add, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Pseudonyms pseudonyms = new Pseudonyms(new InMemoryPseudonymKey().key());
    private final Map<String, Organisation> states = new HashMap<>();
    /** Every assessment's events, in order, as taken. */
    private final Map<String, List<AssessmentEvent>> taken = new HashMap<>();

    /**
     * Acme (minimum 3; positions of its own in brackets) and Other, interleaved with an account's event and the public
     * test. Acme: registered [1], teams Sales [2] and Service [3], an admin [4], an analyst [5], a lead of Sales [6],
     * spring (r-1) of the whole organisation [7]; Sales' a-0 (who changed an answer), a-1 and a-2 released [8]; an
     * export [9]; a-3 and a-4 of Sales and b-0 and b-1 of Service completed, b-2 of Service started only; spring
     * closed [10]; released as one pooled batch of 4 completed [11]; c-0 of Sales completed after
     * that cutoff, waiting. Other: registered, its admin, team, round, o-0 to o-2 released.
     */
    private void history() {
        Actor admin = ADMIN.actor();
        organisation(new OrganisationRegistered("acme", "Acme", 3, Actor.operator("op"), T0));
        organisation(new OrganisationRegistered("other", "Other", 3, Actor.operator("op"), T0));
        log.add(new AccountActivated("m-admin", T0));
        organisation(new TeamAdded("acme", "t-1", "Sales", admin, minutes(1)));
        organisation(new TeamAdded("acme", "t-2", "Service", admin, minutes(2)));
        organisation(new MemberAdded("acme", "m-admin", Role.ADMIN, List.of(), Actor.operator("op"), minutes(3)));
        organisation(new MemberAdded("acme", "m-analyst", Role.ANALYST, List.of(), admin, minutes(4)));
        organisation(new MemberAdded("acme", "m-lead", Role.TEAM_LEAD, List.of("t-1"), admin, minutes(5)));
        organisation(new RoundOpened("acme", "r-1", "Spring", List.of(), null, "token-1", admin, minutes(6)));
        organisation(new MemberAdded("other", "m-other", Role.ADMIN, List.of(), Actor.operator("op"), minutes(7)));
        organisation(new TeamAdded("other", "t-9", "Nine", OTHER_ADMIN.actor(), minutes(8)));
        organisation(new RoundOpened("other", "r-9", "Nine", List.of(), null, "token-9", OTHER_ADMIN.actor(),
                minutes(9)));

        take("a-0", SALES, Instant.parse("2026-05-01T12:00:00Z"), Option.C, true, true);
        take("o-0", OTHER, Instant.parse("2026-05-01T12:10:00Z"), Option.A, true, false);
        take("a-1", SALES, Instant.parse("2026-05-01T12:20:00Z"), Option.B, true, false);
        take("p-0", null, Instant.parse("2026-05-01T12:30:00Z"), Option.B, true, false);
        take("o-1", OTHER, Instant.parse("2026-05-01T12:40:00Z"), Option.A, true, false);
        take("a-2", SALES, Instant.parse("2026-05-01T12:50:00Z"), Option.A, true, false);
        take("o-2", OTHER, Instant.parse("2026-05-01T13:00:00Z"), Option.A, true, false);
        log.add(new ResultsReleased("other", 1, CUTOFF_1, 3, List.of(new Batch("r-9", "t-9", ids("o-", 0, 3))),
                RELEASE_1));
        log.add(firstRelease());
        organisation(new DataExported("acme", "x-1", "events", "", 7, "ab".repeat(32), true, admin,
                Instant.parse("2026-05-02T11:00:00Z")));
        take("a-3", SALES, Instant.parse("2026-05-02T12:00:00Z"), Option.B, true, false);
        take("b-0", SERVICE, Instant.parse("2026-05-02T12:10:00Z"), Option.C, true, false);
        take("b-2", SERVICE, Instant.parse("2026-05-02T12:20:00Z"), Option.C, false, false);
        take("a-4", SALES, Instant.parse("2026-05-02T12:30:00Z"), Option.B, true, false);
        take("b-1", SERVICE, Instant.parse("2026-05-02T12:40:00Z"), Option.C, true, false);
        organisation(new RoundClosed("acme", "r-1", admin, Instant.parse("2026-05-02T20:00:00Z")));
        take("c-0", SALES, Instant.parse("2026-05-03T10:30:00Z"), Option.A, true, false);
        log.add(secondRelease());
    }

    private static ResultsReleased firstRelease() {
        return new ResultsReleased("acme", 1, CUTOFF_1, 3, List.of(new Batch("r-1", "t-1", ids("a-", 0, 3))),
                RELEASE_1);
    }

    private static ResultsReleased secondRelease() {
        return new ResultsReleased("acme", 2, CUTOFF_2, 3,
                List.of(new Batch("r-1", null, List.of("a-3", "a-4", "b-0", "b-1"))), RELEASE_2);
    }

    // ----- the operator's export ----------------------------------------------------------------------

    @Test
    void the_operator_exports_every_event_as_stored_in_position_order_and_every_organisations_trail_records_it_once()
            throws Exception {
        history();
        EventExport export = service.everything(OPERATOR, ALL);

        List<ExportedEvent> events = stream(export);

        assertThat(events).extracting(ExportedEvent::position)
                .containsExactlyElementsOf(range(1, log.head()));
        assertThat(events).allSatisfy(event -> assertThat(event.payload()).isNull());
        assertThat(events).extracting(ExportedEvent::type).as("respondents' events too, as stored: the backup")
                .contains("AssessmentStarted", "AnswerGiven", "AssessmentCompleted", "ResultsReleased",
                        "AccountActivated");
        assertThat(export.head()).isEqualTo(log.head());
        assertThat(export.organisationId()).isEmpty();
        assertThat(export.startedAt()).isEqualTo(NOW);
        assertThat(recorded).as("nothing is recorded before the export ends").isEmpty();

        export.finished(events.size(), "h", true);
        export.finished(events.size(), "h", true);

        assertThat(recorded).as("in every organisation's audit trail, once: each one's data left with it")
                .containsExactlyInAnyOrder(
                        new RecordExportCommand("acme", export.exportId(), DataExported.EVERY_ORGANISATION, "",
                                events.size(), "h", true, OPERATOR.actor(), NOW),
                        new RecordExportCommand("other", export.exportId(), DataExported.EVERY_ORGANISATION, "",
                                events.size(), "h", true, OPERATOR.actor(), NOW));
    }

    @Test
    void the_operators_export_carries_each_event_as_stored() throws Exception {
        log.add(new AnswerGiven("a-1", 3, Option.C, T0));
        log.add(new AnswerGiven("a-1", 4, Option.A, T0.plusSeconds(1)));

        List<ExportedEvent> events = stream(service.everything(OPERATOR, ALL));

        assertThat(events).containsExactly(
                new ExportedEvent(1, "e-1", "AnswerGiven", "1", "Aggregate", "a-1", 0, T0, "{\"n\":1}", null),
                new ExportedEvent(2, "e-2", "AnswerGiven", "1", "Aggregate", "a-1", 1, T0.plusSeconds(1),
                        "{\"n\":2}", null));
    }

    @Test
    void the_operators_export_filters_by_type_and_time_and_reads_in_windows_up_to_the_head_at_its_start()
            throws Exception {
        for (int i = 0; i < 1_200; i++) {
            log.add(new AnswerGiven("a-" + i, 1, Option.A, T0.plusSeconds(i)));
        }
        log.add(new AssessmentStarted("a-x", 1, Language.EN, T0.plusSeconds(500)));
        EventExport export = service.everything(OPERATOR, new Filter(0, T0.plusSeconds(100), T0.plusSeconds(1_100),
                Set.of("AnswerGiven")));
        log.add(new AnswerGiven("late", 1, Option.A, T0.plusSeconds(500)));
        List<String> flushes = new ArrayList<>();

        long count = export.streamTo(new Sink() {
            long events;

            @Override
            public void event(ExportedEvent event) {
                events++;
            }

            @Override
            public void endOfWindow() {
                flushes.add("after " + events);
            }
        });

        assertThat(count).isEqualTo(1_000);
        assertThat(log.reads).as("windows of " + EventExportService.WINDOW + " up to the head")
                .containsExactly("0..1201", "500..1201", "1000..1201");
        assertThat(flushes).containsExactly("after 400", "after 900", "after 1000");
    }

    @Test
    void the_operators_export_resumes_after_a_position() throws Exception {
        history();

        List<ExportedEvent> events = stream(service.everything(OPERATOR, new Filter(40, null, null, Set.of())));

        assertThat(events).extracting(ExportedEvent::position).containsExactlyElementsOf(range(41, log.head()));
    }

    // ----- an organisation's export: its own events ---------------------------------------------------

    @Test
    void an_organisations_own_events_are_exported_as_stored_numbered_by_its_own_positions() throws Exception {
        history();
        List<StoredEvent> own = log.aggregate("acme");

        List<ExportedEvent> stored = stream(service.ofOrganisation(ANALYST, "acme", ALL)).stream()
                .filter(event -> event.payloadJson() != null).toList();

        assertThat(stored).extracting(ExportedEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 9L, 10L);
        assertThat(stored.get(0)).isEqualTo(new ExportedEvent(1, "e-1", "OrganisationRegistered", "1", "Aggregate",
                "acme", 0, T0, "{\"n\":1}", null));
        for (int i = 0; i < own.size(); i++) {
            StoredEvent source = own.get(i);
            assertThat(stored.get(i)).isEqualTo(new ExportedEvent(stored.get(i).position(), source.eventId(),
                    source.type(), source.revision(), source.aggregateType(), source.aggregateId(), source.sequence(),
                    source.timestamp(), source.payloadJson(), null));
        }
        assertThat(stored.get(7).position()).as("its ninth, not the log's").isEqualTo(9L);
        assertThat(stored.get(7).eventId()).isNotEqualTo("e-9");
    }

    // ----- an organisation's export: its releases and their assessments -------------------------------

    @Test
    void a_release_is_shown_as_an_object_with_its_batches_where_and_how_many_never_who() throws Exception {
        history();
        StoredEvent first = log.aggregate(Releases.aggregateId("acme")).get(0);
        StoredEvent second = log.aggregate(Releases.aggregateId("acme")).get(1);

        List<ExportedEvent> releases = stream(service.ofOrganisation(ADMIN, "acme", ALL)).stream()
                .filter(event -> event.type().equals("ResultsReleased")).toList();

        assertThat(releases).containsExactly(
                new ExportedEvent(8, first.eventId(), "ResultsReleased", "1", "Aggregate", "acme/releases", 0,
                        RELEASE_1, null, new OrganisationExport.Release("acme", 1, CUTOFF_1, RELEASE_1, 3,
                        List.of(new OrganisationExport.Batch("r-1", "t-1", 3)))),
                new ExportedEvent(11, second.eventId(), "ResultsReleased", "1", "Aggregate", "acme/releases", 1,
                        RELEASE_2, null, new OrganisationExport.Release("acme", 2, CUTOFF_2, RELEASE_2, 3,
                        List.of(new OrganisationExport.Batch("r-1", null, 4)))));
    }

    @Test
    void each_release_is_followed_by_the_events_of_its_assessments_in_the_order_of_their_pseudonyms()
            throws Exception {
        history();

        List<ExportedEvent> events = stream(service.ofOrganisation(ADMIN, "acme", ALL));

        assertThat(events).extracting(ExportedEvent::position).isSorted();
        assertThat(events.stream().filter(event -> event.aggregateType().equals("AssessmentAggregate"))
                .map(ExportedEvent::aggregateId).distinct().toList()).containsExactly(
                Stream.concat(byPseudonym("a-0", "a-1", "a-2").stream(),
                        byPseudonym("a-3", "a-4", "b-0", "b-1").stream()).map(this::name).toArray(String[]::new));
        assertThat(lines(events, 8)).extracting(ExportedEvent::aggregateId, ExportedEvent::type,
                ExportedEvent::sequence).containsExactlyElementsOf(expectedLines("a-0", "a-1", "a-2"));
        assertThat(lines(events, 11)).extracting(ExportedEvent::aggregateId, ExportedEvent::type,
                ExportedEvent::sequence).containsExactlyElementsOf(expectedLines("a-3", "a-4", "b-0", "b-1"));
        assertThat(events.get(events.indexOf(lines(events, 8).get(0)) - 1).type()).isEqualTo("ResultsReleased");
        assertThat(events).hasSize(9 + 2 + 25 + 4 * 8);
    }

    @Test
    void an_assessment_is_shown_under_its_pseudonym_at_the_time_of_its_release_without_language() throws Exception {
        history();
        String name = name("a-0");
        Score score = score(Option.C);

        List<ExportedEvent> lines = stream(service.ofOrganisation(ADMIN, "acme", ALL)).stream()
                .filter(event -> name.equals(event.aggregateId())).toList();

        assertThat(lines).containsExactly(
                line(8, "a-0", 0, "AssessmentStarted", RELEASE_1,
                        new OrganisationExport.Start(name, 1, "acme", "r-1", "t-1", RELEASE_1)),
                line(8, "a-0", 1, "AnswerGiven", RELEASE_1, new AnswerGiven(name, 1, Option.C, RELEASE_1)),
                line(8, "a-0", 2, "AnswerGiven", RELEASE_1, new AnswerGiven(name, 2, Option.A, RELEASE_1)),
                line(8, "a-0", 3, "AnswerGiven", RELEASE_1, new AnswerGiven(name, 2, Option.C, RELEASE_1)),
                line(8, "a-0", 4, "AnswerGiven", RELEASE_1, new AnswerGiven(name, 3, Option.C, RELEASE_1)),
                line(8, "a-0", 5, "AnswerGiven", RELEASE_1, new AnswerGiven(name, 4, Option.C, RELEASE_1)),
                line(8, "a-0", 6, "AnswerGiven", RELEASE_1, new AnswerGiven(name, 5, Option.C, RELEASE_1)),
                line(8, "a-0", 7, "AnswerGiven", RELEASE_1, new AnswerGiven(name, 6, Option.C, RELEASE_1)),
                line(8, "a-0", 8, "AssessmentCompleted", RELEASE_1, new AssessmentCompleted(name, 1,
                        score.answers(), score.columnTotals(), score.total(), score.band(), RELEASE_1)));
        assertThat(lines).extracting(ExportedEvent::eventId).allMatch(id -> id.matches("p-[0-9a-f]{32}"))
                .doesNotHaveDuplicates();
    }

    @Test
    void an_assessment_released_pooled_is_shown_without_its_team() throws Exception {
        history();

        List<Object> starts = stream(service.ofOrganisation(ADMIN, "acme", ALL)).stream()
                .filter(event -> event.type().equals("AssessmentStarted")).map(ExportedEvent::payload).toList();

        assertThat(starts).hasSize(7).allSatisfy(start -> assertThat(start).isInstanceOf(
                OrganisationExport.Start.class));
        assertThat(starts.stream().map(start -> ((OrganisationExport.Start) start).teamId()).toList())
                .containsExactly("t-1", "t-1", "t-1", null, null, null, null);
        assertThat(starts).contains(new OrganisationExport.Start(name("b-0"), 1, "acme", "r-1", null, RELEASE_2));
    }

    @Test
    void nothing_of_a_respondent_leaves_but_what_the_reports_show() throws Exception {
        history();

        List<ExportedEvent> events = stream(service.ofOrganisation(ADMIN, "acme", ALL));

        assertThat(events).extracting(ExportedEvent::aggregateId).as("b-2 only started, c-0 waits for its batch")
                .doesNotContain(name("b-2"), name("c-0"), "b-2", "c-0")
                .allMatch(aggregate -> aggregate.equals("acme") || aggregate.equals("acme/releases")
                        || aggregate.matches("p-[0-9a-f]{32}"));
        assertThat(events).as("no assessment's events as stored, no id, no language, no time it was taken")
                .allSatisfy(event -> {
                    assertThat(ASSESSMENT_ID.matcher(event.toString()).find()).as(event.toString()).isFalse();
                    assertThat(event.toString()).doesNotContain("language").doesNotContain("2026-05-01T12")
                            .doesNotContain("2026-05-02T12");
                    if (event.aggregateType().equals("AssessmentAggregate")) {
                        assertThat(event.payloadJson()).isNull();
                        assertThat(event.revision()).isNull();
                    }
                });
    }

    @Test
    void an_organisation_never_sees_another_organisations_events_and_names_respondents_by_its_own_pseudonyms()
            throws Exception {
        history();

        List<ExportedEvent> acme = stream(service.ofOrganisation(ADMIN, "acme", ALL));
        EventExport otherExport = service.ofOrganisation(OTHER_ADMIN, "other", ALL);
        List<ExportedEvent> other = stream(otherExport);

        Set<String> otherNames = Stream.of("o-0", "o-1", "o-2").map(id -> pseudonyms.of("other", id))
                .collect(Collectors.toSet());
        assertThat(acme).extracting(ExportedEvent::aggregateId).doesNotContain("other", "other/releases")
                .doesNotContainAnyElementsOf(otherNames);
        assertThat(other).extracting(ExportedEvent::position, ExportedEvent::type, ExportedEvent::aggregateId)
                .startsWith(tuple(1L, "OrganisationRegistered", "other"), tuple(2L, "MemberAdded", "other"),
                        tuple(3L, "TeamAdded", "other"), tuple(4L, "RoundOpened", "other"),
                        tuple(5L, "ResultsReleased", "other/releases"));
        assertThat(other).hasSize(5 + 3 * 8);
        assertThat(other.subList(5, other.size())).extracting(ExportedEvent::aggregateId)
                .allMatch(otherNames::contains).doesNotContain("o-0", "o-1", "o-2");
        assertThat(otherExport.head()).isEqualTo(5);
        assertThat(otherExport.organisationId()).contains("other");
        assertThat(pseudonyms.of("other", "o-0")).isNotEqualTo(pseudonyms.of("acme", "o-0"));
    }

    @Test
    void batches_below_a_raised_minimum_group_size_are_left_out_the_releases_stay() throws Exception {
        history();
        organisation(new MinimumGroupSizeChanged("acme", 4, ADMIN.actor(), NOW.minusSeconds(60)));

        List<ExportedEvent> events = stream(service.ofOrganisation(ADMIN, "acme", ALL));

        assertThat(events.stream().filter(event -> event.type().equals("ResultsReleased"))
                .map(ExportedEvent::payload).toList()).containsExactly(
                new OrganisationExport.Release("acme", 1, CUTOFF_1, RELEASE_1, 3, List.of()),
                new OrganisationExport.Release("acme", 2, CUTOFF_2, RELEASE_2, 3,
                        List.of(new OrganisationExport.Batch("r-1", null, 4))));
        assertThat(lines(events, 8)).as("the batch of 3 is withdrawn").isEmpty();
        assertThat(lines(events, 11)).hasSize(4 * 8);
        assertThat(events.get(events.size() - 1)).extracting(ExportedEvent::position, ExportedEvent::type)
                .containsExactly(12L, "MinimumGroupSizeChanged");
    }

    // ----- an organisation's export: positions and filters ---------------------------------------------

    @Test
    void the_head_is_the_organisations_count_of_events_and_releases_when_the_export_began() throws Exception {
        history();
        EventExport export = service.ofOrganisation(ADMIN, "acme", ALL);
        organisation(new TeamAdded("acme", "t-3", "Late", ADMIN.actor(), NOW));

        List<ExportedEvent> events = stream(export);

        assertThat(export.head()).isEqualTo(11);
        assertThat(events.get(events.size() - 1).position()).isEqualTo(11);
        assertThat(events).extracting(ExportedEvent::type).filteredOn(type -> type.equals("TeamAdded")).hasSize(2);
        assertThat(service.ofOrganisation(ADMIN, "acme", ALL).head()).isEqualTo(12);
    }

    @Test
    void after_skips_by_the_organisations_own_positions_a_release_with_its_lines() throws Exception {
        history();

        assertThat(positions(after(6))).containsExactly(7L, 8L, 9L, 10L, 11L);
        List<ExportedEvent> fromTheRelease = stream(service.ofOrganisation(ADMIN, "acme", after(7)));
        assertThat(fromTheRelease.get(0).type()).isEqualTo("ResultsReleased");
        assertThat(fromTheRelease).filteredOn(event -> event.position() == 8).hasSize(1 + 25);
        assertThat(positions(after(8))).as("the release and every line of it were had").containsExactly(9L, 10L,
                11L);
        assertThat(stream(service.ofOrganisation(ADMIN, "acme", after(10)))).hasSize(1 + 4 * 8);
        assertThat(stream(service.ofOrganisation(ADMIN, "acme", after(11)))).isEmpty();
        assertThat(stream(service.ofOrganisation(ADMIN, "acme", after(1_000)))).isEmpty();
    }

    @Test
    void a_type_filter_picks_events_releases_or_assessment_lines_alike() throws Exception {
        history();

        assertThat(stream(service.ofOrganisation(ADMIN, "acme", types("ResultsReleased"))))
                .extracting(ExportedEvent::position, ExportedEvent::type)
                .containsExactly(tuple(8L, "ResultsReleased"), tuple(11L, "ResultsReleased"));
        assertThat(stream(service.ofOrganisation(ADMIN, "acme", types("AssessmentCompleted"))))
                .extracting(ExportedEvent::position, ExportedEvent::type)
                .containsExactly(tuple(8L, "AssessmentCompleted"), tuple(8L, "AssessmentCompleted"),
                        tuple(8L, "AssessmentCompleted"), tuple(11L, "AssessmentCompleted"),
                        tuple(11L, "AssessmentCompleted"), tuple(11L, "AssessmentCompleted"),
                        tuple(11L, "AssessmentCompleted"));
        assertThat(stream(service.ofOrganisation(ADMIN, "acme", types("TeamAdded", "RoundClosed"))))
                .extracting(ExportedEvent::position).containsExactly(2L, 3L, 10L);
    }

    @Test
    void a_time_filter_reads_an_assessments_lines_at_the_time_of_their_release() throws Exception {
        history();

        assertThat(positions(new Filter(0, null, RELEASE_1, Set.of()))).as("before the release: none of its lines, "
                + "though the assessments were taken before").containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        List<ExportedEvent> fromRelease = stream(service.ofOrganisation(ADMIN, "acme",
                new Filter(0, RELEASE_1, null, Set.of())));
        assertThat(fromRelease).extracting(ExportedEvent::position).containsOnly(8L, 9L, 10L, 11L);
        assertThat(fromRelease).hasSize(1 + 25 + 2 + 1 + 4 * 8);
        assertThat(positions(new Filter(0, RELEASE_1.plusMillis(1), RELEASE_2, Set.of())))
                .containsExactly(9L, 10L);
    }

    @Test
    void the_export_is_flushed_after_each_event_and_after_each_release_with_its_lines() throws Exception {
        history();
        List<String> written = new ArrayList<>();

        long count = service.ofOrganisation(ADMIN, "acme", new Filter(7, null, null, Set.of("ResultsReleased",
                "AssessmentStarted"))).streamTo(new Sink() {
            @Override
            public void event(ExportedEvent event) {
                written.add(event.position() + " " + event.type());
            }

            @Override
            public void endOfWindow() {
                written.add("flush");
            }
        });

        assertThat(count).isEqualTo(2 + 7);
        assertThat(written).containsExactly("8 ResultsReleased", "8 AssessmentStarted", "8 AssessmentStarted",
                "8 AssessmentStarted", "flush", "flush", "flush", "11 ResultsReleased", "11 AssessmentStarted",
                "11 AssessmentStarted", "11 AssessmentStarted", "11 AssessmentStarted", "flush");
    }

    @Test
    void the_histories_of_a_large_batch_are_read_two_hundred_at_a_time() throws Exception {
        Actor admin = ADMIN.actor();
        organisation(new OrganisationRegistered("big", "Big", 3, Actor.operator("op"), T0));
        organisation(new MemberAdded("big", "m-admin", Role.ADMIN, List.of(), Actor.operator("op"), T0));
        organisation(new TeamAdded("big", "t-1", "One", admin, T0));
        organisation(new RoundOpened("big", "r-1", "One", List.of(), null, "token-big", admin, T0));
        List<String> large = ids("x-", 0, 450);
        List<String> exact = ids("y-", 0, 200);
        for (String id : Stream.concat(large.stream(), exact.stream()).toList()) {
            Score score = score(Option.B);
            record(new AssessmentStarted(id, 1, Language.NL, T0, new Participation("big", "r-1", "t-1")));
            record(new AssessmentCompleted(id, 1, score.answers(), score.columnTotals(), score.total(),
                    score.band(), T0.plusSeconds(60)));
        }
        log.add(new ResultsReleased("big", 1, CUTOFF_1, 3, List.of(new Batch("r-1", "t-1", large)), RELEASE_1));
        log.add(new ResultsReleased("big", 2, CUTOFF_2, 3, List.of(new Batch("r-1", "t-1", exact)), RELEASE_2));

        List<ExportedEvent> events = stream(service.ofOrganisation(ADMIN, "big", ALL));

        assertThat(log.aggregatesAsked).as("of " + EventExportService.HISTORIES + " at most, none empty")
                .containsExactly(200, 200, 50, 200);
        assertThat(events).hasSize(4 + 1 + 450 * 2 + 1 + 200 * 2);
        assertThat(lines(events, 5).stream().map(ExportedEvent::aggregateId).distinct().toList())
                .containsExactlyElementsOf(large.stream().map(id -> pseudonyms.of("big", id)).sorted().toList());
        assertThat(lines(events, 6).stream().map(ExportedEvent::aggregateId).distinct().toList())
                .containsExactlyElementsOf(exact.stream().map(id -> pseudonyms.of("big", id)).sorted().toList());
    }

    // ----- who may, what is refused, what is recorded -------------------------------------------------

    @Test
    void who_may_export_what() {
        organisation(new OrganisationRegistered("acme", "Acme", 3, Actor.operator("op"), T0));
        organisation(new TeamAdded("acme", "t-1", "Sales", ADMIN.actor(), T0));
        organisation(new MemberAdded("acme", "m-admin", Role.ADMIN, List.of(), Actor.operator("op"), T0));
        organisation(new MemberAdded("acme", "m-analyst", Role.ANALYST, List.of(), ADMIN.actor(), T0));
        organisation(new MemberAdded("acme", "m-lead", Role.TEAM_LEAD, List.of("t-1"), ADMIN.actor(), T0));
        organisation(new OrganisationRegistered("other", "Other", 3, Actor.operator("op"), T0));
        organisation(new MemberAdded("other", "m-other", Role.ADMIN, List.of(), Actor.operator("op"), T0));

        assertThatThrownBy(() -> service.everything(ADMIN, ALL)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.ofOrganisation(OPERATOR, "acme", ALL)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.ofOrganisation(LEAD, "acme", ALL)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.ofOrganisation(OTHER_ADMIN, "acme", ALL)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.ofOrganisation(ADMIN, "nowhere", ALL)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.ofOrganisation(OPERATOR, "nowhere", ALL)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.ofOrganisation(ADMIN, null, ALL)).isInstanceOf(NotFound.class);
        assertThat(service.ofOrganisation(ADMIN, "acme", ALL).organisationId()).contains("acme");
        assertThat(service.ofOrganisation(ANALYST, "acme", ALL).organisationId()).contains("acme");
        assertThat(service.everything(OPERATOR, ALL).organisationId()).isEmpty();
        assertThat(recorded).isEmpty();
    }

    @Test
    void an_organisations_export_is_recorded_once_in_its_audit_trail_when_it_ends() throws Exception {
        history();
        EventExport export = service.ofOrganisation(ADMIN, "acme", new Filter(3, null, null, Set.of("AnswerGiven")));
        long events = stream(export).size();
        assertThat(recorded).isEmpty();

        export.finished(events, "abc", true);
        export.finished(events, "abc", true);

        assertThat(export.startedAt()).isEqualTo(NOW);
        assertThat(recorded).containsExactly(new RecordExportCommand("acme", export.exportId(), "events",
                "after=3 type=AnswerGiven", events, "abc", true, ADMIN.actor(), NOW));
    }

    @Test
    void an_export_that_broke_off_is_recorded_as_incomplete_under_its_own_id() {
        history();
        EventExport first = service.ofOrganisation(ANALYST, "acme", ALL);
        EventExport second = service.ofOrganisation(ANALYST, "acme", ALL);

        first.finished(5, "def", false);

        assertThat(first.exportId()).isNotEqualTo(second.exportId());
        assertThat(recorded).containsExactly(new RecordExportCommand("acme", first.exportId(), "events", "", 5,
                "def", false, ANALYST.actor(), NOW));
    }

    @Test
    void bad_filters_are_refused() {
        history();
        assertThatThrownBy(() -> new Filter(-1, null, null, Set.of())).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> new Filter(0, T0, T0, Set.of())).isInstanceOf(InvalidRequest.class)
                .hasMessage("from must be before to.");
        assertThatThrownBy(() -> service.everything(OPERATOR, types("Nope")))
                .isInstanceOf(InvalidRequest.class).hasMessageStartingWith("Unknown event type Nope; known are ")
                .hasMessageContaining("AccountActivated, AnswerGiven, ").hasMessageContaining("ResultsReleased")
                .hasMessageEndingWith("TeamRetired.");
        assertThatThrownBy(() -> service.ofOrganisation(ADMIN, "acme", types("AnswerGiven", "Nope", "Also")))
                .isInstanceOf(InvalidRequest.class).hasMessageStartingWith("Unknown event type Also, Nope; known");
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
    void the_known_event_types_are_every_event_of_the_domain_releases_included() {
        assertThat(service.eventTypes()).containsExactlyInAnyOrder("AssessmentStarted", "AnswerGiven",
                "AssessmentCompleted", "OrganisationRegistered", "TeamAdded", "TeamRenamed", "TeamRetired",
                "MemberAdded", "MemberChanged", "MemberRemoved", "RoundOpened", "RoundStarted", "RoundClosed",
                "TeamHeadcountSet", "MinimumGroupSizeChanged", "DataExported", "SignedIn", "SignInFailed", "AccountActivated",
                "ApiTokenCreated", "ApiTokenRevoked", "ResultsReleased");
    }

    // ----- helpers ------------------------------------------------------------------------------------

    /** Into the organisation's view as the domain evolves it, and into the log. */
    private void organisation(OrganisationEvent event) {
        Organisation organisation = event instanceof OrganisationRegistered registered
                ? Organisation.registeredWith(registered)
                : states.get(event.organisationId()).evolve(event);
        states.put(organisation.id(), organisation);
        organisations.save(OrganisationView.of(organisation));
        log.add(event);
    }

    /**
     * An assessment's events into the log and the read model: started at {@code at}, each question answered
     * {@code option} a minute apart (question 2 first with a when {@code changesMind}), completed when {@code
     * complete}; {@code where} null for the public test.
     */
    private void take(String id, Participation where, Instant at, Option option, boolean complete,
                      boolean changesMind) {
        record(new AssessmentStarted(id, 1, Language.EN, at, where));
        Instant moment = at;
        for (int question = 1; question <= 6; question++) {
            moment = moment.plusSeconds(60);
            if (changesMind && question == 2) {
                record(new AnswerGiven(id, question, Option.A, moment));
            }
            if (complete || question < 4) {
                record(new AnswerGiven(id, question, option, moment));
            }
        }
        if (complete) {
            Score score = score(option);
            record(new AssessmentCompleted(id, 1, score.answers(), score.columnTotals(), score.total(), score.band(),
                    moment.plusSeconds(60)));
        }
    }

    private void record(AssessmentEvent event) {
        List<AssessmentEvent> events = taken.computeIfAbsent(event.assessmentId(), key -> new ArrayList<>());
        events.add(event);
        log.add(event);
    }

    private static Score score(Option option) {
        return Instruments.current().score(IntStream.rangeClosed(1, 6).boxed()
                .collect(Collectors.toMap(question -> question, question -> option)));
    }

    private static Instant minutes(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static List<String> ids(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
    }

    private static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }

    private String name(String assessmentId) {
        return pseudonyms.of("acme", assessmentId);
    }

    private List<String> byPseudonym(String... ids) {
        return Stream.of(ids).sorted(Comparator.comparing(this::name)).toList();
    }

    /** Per assessment in the order of its pseudonym, per event in order: its name, type and sequence. */
    private List<org.assertj.core.groups.Tuple> expectedLines(String... ids) {
        List<org.assertj.core.groups.Tuple> expected = new ArrayList<>();
        for (String id : byPseudonym(ids)) {
            List<AssessmentEvent> events = taken.get(id);
            for (int sequence = 0; sequence < events.size(); sequence++) {
                expected.add(tuple(name(id), events.get(sequence).getClass().getSimpleName(), (long) sequence));
            }
        }
        return expected;
    }

    private ExportedEvent line(long position, String id, long sequence, String type, Instant at, Object payload) {
        return new ExportedEvent(position, name(id + "/" + sequence), type, null, "AssessmentAggregate", name(id),
                sequence, at, null, payload);
    }

    /** The assessment lines at a position (a release's). */
    private static List<ExportedEvent> lines(List<ExportedEvent> events, long position) {
        return events.stream().filter(event -> event.position() == position
                && event.aggregateType().equals("AssessmentAggregate")).toList();
    }

    private List<Long> positions(Filter filter) throws Exception {
        return stream(service.ofOrganisation(ADMIN, "acme", filter)).stream().map(ExportedEvent::position)
                .distinct().toList();
    }

    private static Filter after(long position) {
        return new Filter(position, null, null, Set.of());
    }

    private static Filter types(String... types) {
        return new Filter(0, null, null, Set.of(types));
    }

    private static List<ExportedEvent> stream(EventExport export) throws Exception {
        List<ExportedEvent> events = new ArrayList<>();
        long count = export.streamTo(events::add);
        assertThat(count).isEqualTo(events.size());
        return events;
    }
}
