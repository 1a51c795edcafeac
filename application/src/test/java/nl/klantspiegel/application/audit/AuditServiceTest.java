package nl.klantspiegel.application.audit;

import nl.klantspiegel.application.account.Enrolment;
import nl.klantspiegel.application.organisation.OrganisationViewProjection;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.AuditTrailQuery.AuditPage;
import nl.klantspiegel.application.port.in.AuditTrailQuery.Entry;
import nl.klantspiegel.application.port.in.AuditTrailQuery.Participation;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ViewsCatchingUp;
import nl.klantspiegel.application.port.out.Accounts.Account;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.projection.CatchUpWait;
import nl.klantspiegel.application.report.ReleasedResults;
import nl.klantspiegel.application.testing.CatchUps;
import nl.klantspiegel.application.testing.FakePasswordHashing;
import nl.klantspiegel.application.testing.InMemoryAccounts;
import nl.klantspiegel.application.testing.InMemoryApiTokens;
import nl.klantspiegel.application.testing.InMemoryAuditTrail;
import nl.klantspiegel.application.testing.InMemoryMemberships;
import nl.klantspiegel.application.testing.InMemoryOperatorSetup;
import nl.klantspiegel.application.testing.InMemoryOrganisationViews;
import nl.klantspiegel.application.testing.InMemoryReportFacts;
import nl.klantspiegel.application.testing.InMemorySignInThrottles;
import nl.klantspiegel.application.testing.RecordingEventGateway;
import nl.klantspiegel.domain.account.EmailAddress;
import nl.klantspiegel.domain.account.SignedIn;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.MinimumGroupSizeChanged;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.RoundClosed;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.TeamAdded;
import nl.klantspiegel.domain.organisation.TeamRenamed;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.release.ResultsReleased.Batch;
import nl.klantspiegel.domain.report.Completion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading an organisation's audit trail: its admins only (a stranger learns nothing, the operator and other members
 * are refused), newest first in pages, filtered by type and time, with actors' and members' addresses as they are
 * now and team and round names resolved, each release of results as an entry of the product, and per round how many
 * took part: the released completed assessments under today's minimum group size, as every report counts
 * them.
 */
class AuditServiceTest {

    private static final String ORG = "org-acme";
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Every question answered b. */
    private static final Score SCORE = Instruments.current().score(IntStream.rangeClosed(1, 6).boxed()
            .collect(Collectors.toMap(question -> question, question -> Option.B)));

    private static final Caller OPERATOR = new Caller("acc-operator", true);
    private static final Caller ADMIN = new Caller("acc-admin", false);
    private static final Caller LEAD = new Caller("acc-lead", false);
    private static final Caller ANALYST = new Caller("acc-analyst", false);
    private static final Caller STRANGER = new Caller("acc-stranger", false);
    private static final String ERASED = "acc-erased";

    private final InMemoryOrganisationViews views = new InMemoryOrganisationViews();
    private final InMemoryMemberships memberships = new InMemoryMemberships();
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final AuditTrailProjection auditProjection = new AuditTrailProjection(trail);
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final Enrolment accountService = new Enrolment(accounts, new FakePasswordHashing(),
            new RecordingEventGateway(), Clock.fixed(T0, ZoneOffset.UTC));
    private final InMemoryReportFacts facts = new InMemoryReportFacts();
    private final ReleasedResults released = new ReleasedResults(facts, 10);
    private final AuditService service = service(CatchUps.caughtUp(Duration.ofMillis(50)));
    private int eventIds;

    /**
     * Twelve entries, one a minute from T0: the registration, the first admin, teams Sales and Service, a team lead
     * of both, an analyst, round Spring opened and closed, Sales renamed Field sales, the admin's sign-in, a member
     * whose account has since been erased, and that member's sign-in.
     */
    @BeforeEach
    void anAuditTrail() {
        account(OPERATOR.accountId(), "operator@klantspiegel.example");
        account(ADMIN.accountId(), "admin@acme.example");
        account(LEAD.accountId(), "lead@acme.example");
        account(ANALYST.accountId(), "analyst@acme.example");
        account(STRANGER.accountId(), "stranger@elsewhere.example");
        account(ERASED, "erased@acme.example");

        Actor admin = ADMIN.actor();
        record(new OrganisationRegistered(ORG, "Acme", 5, OPERATOR.actor(), at(0)));
        record(new MemberAdded(ORG, ADMIN.accountId(), Role.ADMIN, List.of(), OPERATOR.actor(), at(1)));
        record(new TeamAdded(ORG, "t-sales", "Sales", admin, at(2)));
        record(new TeamAdded(ORG, "t-service", "Service", admin, at(3)));
        record(new MemberAdded(ORG, LEAD.accountId(), Role.TEAM_LEAD, List.of("t-sales", "t-service"), admin, at(4)));
        record(new MemberAdded(ORG, ANALYST.accountId(), Role.ANALYST, List.of(), admin, at(5)));
        record(new RoundOpened(ORG, "r-1", "Spring", List.of("t-sales"), null, "invitation-token-of-spring-01",
                admin, at(6)));
        record(new RoundClosed(ORG, "r-1", admin, at(7)));
        record(new TeamRenamed(ORG, "t-sales", "Field sales", admin, at(8)));
        auditProjection.on(new SignedIn(ADMIN.accountId(), at(9)), "e-signed-in-admin");
        record(new MemberAdded(ORG, ERASED, Role.ANALYST, List.of(), admin, at(10)));
        auditProjection.on(new SignedIn(ERASED, at(11)), "e-signed-in-erased");
        accounts.erase(ERASED);
    }

    // ----- who may read -------------------------------------------------------------------------------

    @Test
    void only_the_admins_read_the_audit_trail() {
        assertThat(page(ADMIN, 0, 50).entries()).hasSize(12);

        assertThatThrownBy(() -> page(LEAD, 0, 50)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> page(ANALYST, 0, 50)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> page(OPERATOR, 0, 50)).isInstanceOf(AccessDenied.class);
    }

    @Test
    void a_stranger_learns_nothing_not_even_whether_the_request_was_valid() {
        assertThatThrownBy(() -> page(STRANGER, 0, 50)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> page(STRANGER, -1, 0)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.audit(ADMIN, "org-unknown", null, null, null, 0, 50))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.audit(OPERATOR, "org-unknown", null, null, null, 0, 50))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.audit(ADMIN, null, null, null, null, 0, 50)).isInstanceOf(NotFound.class);
    }

    @Test
    void the_trail_is_read_once_both_the_organisation_views_and_the_trail_caught_up() {
        assertThatThrownBy(() -> service(CatchUps.onlyCaughtUp(Duration.ofMillis(50), OrganisationViewProjection.PROCESSING_GROUP))
                .audit(ADMIN, ORG, null, null, null, 0, 5))
                .isInstanceOf(ViewsCatchingUp.class).hasMessageContaining("audit trail");
        assertThatThrownBy(() -> service(CatchUps.onlyCaughtUp(Duration.ofMillis(50), AuditTrailProjection.PROCESSING_GROUP))
                .audit(ADMIN, ORG, null, null, null, 0, 5))
                .isInstanceOf(ViewsCatchingUp.class).hasMessageContaining("organisation views");

        assertThat(service(CatchUps.onlyCaughtUp(Duration.ofMillis(50), OrganisationViewProjection.PROCESSING_GROUP,
                AuditTrailProjection.PROCESSING_GROUP)).audit(ADMIN, ORG, null, null, null, 0, 5).entries())
                .hasSize(5);
    }

    @Test
    void a_page_read_while_the_trail_lags_a_change_says_so_and_shows_what_is_there() {
        assertThat(page(ADMIN, 0, 50).upToDate()).isTrue();
        TeamAdded lagging = new TeamAdded(ORG, "t-support", "Support", ADMIN.actor(), at(20));
        Organisation organisation = views.find(ORG).orElseThrow().organisation().evolve(lagging);
        views.save(OrganisationView.of(organisation)); // acknowledged; its trail entry not yet written

        long start = System.nanoTime();
        AuditPage behind = page(ADMIN, 0, 50);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(behind.upToDate()).isFalse();
        assertThat(behind.entries()).hasSize(12);
        assertThat(behind.totalEntries()).isEqualTo(12);

        auditProjection.on(lagging, "e-lagging", organisation.version());
        AuditPage caughtUp = page(ADMIN, 0, 50);
        assertThat(caughtUp.upToDate()).isTrue();
        assertThat(caughtUp.entries()).hasSize(13);
        assertThat(caughtUp.entries().get(0).type()).isEqualTo("TeamAdded");
    }

    @Test
    void a_read_waits_for_a_trail_that_records_the_change_meanwhile() throws Exception {
        TeamAdded lagging = new TeamAdded(ORG, "t-support", "Support", ADMIN.actor(), at(20));
        Organisation organisation = views.find(ORG).orElseThrow().organisation().evolve(lagging);
        views.save(OrganisationView.of(organisation));
        AuditService patient = new AuditService(trail, views, accountService, released,
                CatchUps.caughtUp(Duration.ofSeconds(20)));
        Thread projection = new Thread(() -> {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            auditProjection.on(lagging, "e-lagging", organisation.version());
        });
        projection.start();

        AuditPage page = patient.audit(ADMIN, ORG, null, null, null, 0, 50);
        projection.join();
        assertThat(page.upToDate()).isTrue();
        assertThat(page.entries()).hasSize(13);
    }

    @Test
    void a_trail_from_before_versions_were_noted_is_taken_as_up_to_date() {
        InMemoryAuditTrail unversioned = new InMemoryAuditTrail();
        AuditService old = new AuditService(unversioned, views, accountService, released,
                CatchUps.caughtUp(Duration.ofSeconds(20)));

        AuditPage page = old.audit(ADMIN, ORG, null, null, null, 0, 50);
        assertThat(page.upToDate()).isTrue();
        assertThat(page.entries()).isEmpty();
    }

    // ----- pages --------------------------------------------------------------------------------------

    @Test
    void pages_are_newest_first_and_tell_whether_there_is_more() {
        AuditPage first = page(ADMIN, 0, 5);
        assertThat(first.entries()).extracting(Entry::number).containsExactly(12L, 11L, 10L, 9L, 8L);
        assertThat(first.hasMore()).isTrue();
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(5);
        assertThat(first.totalEntries()).isEqualTo(12);

        AuditPage last = page(ADMIN, 2, 5);
        assertThat(last.entries()).extracting(Entry::number).containsExactly(2L, 1L);
        assertThat(last.hasMore()).isFalse();
        assertThat(last.page()).isEqualTo(2);

        assertThat(page(ADMIN, 3, 5).entries()).isEmpty();
        assertThat(page(ADMIN, 3, 5).hasMore()).isFalse();
    }

    @Test
    void a_page_that_takes_exactly_the_last_entries_has_no_more() {
        AuditPage exact = page(ADMIN, 1, 6);

        assertThat(exact.entries()).extracting(Entry::number).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(exact.hasMore()).isFalse();
        assertThat(page(ADMIN, 0, 12).hasMore()).isFalse();
        assertThat(page(ADMIN, 0, 11).hasMore()).isTrue();
    }

    @Test
    void a_long_trail_is_read_in_batches_of_at_most_200_and_only_as_far_as_the_page_needs() {
        for (int i = 0; i < 189; i++) {
            auditProjection.on(new SignedIn(ADMIN.accountId(), at(20).plusMillis(i)), "e-many-" + i);
        }

        AuditPage first = page(ADMIN, 0, 5);
        assertThat(first.entries()).extracting(Entry::number).containsExactly(201L, 200L, 199L, 198L, 197L);
        assertThat(first.hasMore()).isTrue();
        assertThat(trail.entriesAskedFor()).hasSize(1);
        assertThat(trail.entriesAskedFor().get(0)).hasSize(200).startsWith(201L).endsWith(2L);

        trail.entriesAskedFor().clear();
        AuditPage everything = page(ADMIN, 0, 500);
        assertThat(everything.entries()).extracting(Entry::number).hasSize(201).startsWith(201L, 200L)
                .endsWith(2L, 1L).isSortedAccordingTo((one, other) -> Long.compare(other, one));
        assertThat(everything.hasMore()).isFalse();
        assertThat(trail.entriesAskedFor()).extracting(List::size).containsExactly(200, 1);
    }

    /** The oldest entry is the only one of the last batch: whether there is more is only known by reading it. */
    @Test
    void a_page_that_ends_with_a_batch_knows_whether_one_more_entry_follows() {
        for (int i = 0; i < 189; i++) {
            auditProjection.on(new SignedIn(ADMIN.accountId(), at(20).plusMillis(i)), "e-many-" + i);
        }

        AuditPage batch = page(ADMIN, 0, 200);
        assertThat(batch.entries()).extracting(Entry::number).startsWith(201L).endsWith(2L);
        assertThat(batch.hasMore()).isTrue();

        AuditPage oldest = page(ADMIN, 1, 200);
        assertThat(oldest.entries()).extracting(Entry::number).containsExactly(1L);
        assertThat(oldest.hasMore()).isFalse();
    }

    @Test
    void a_trail_with_no_entries_has_an_empty_page() {
        trail.clear();

        AuditPage empty = page(ADMIN, 0, 5);

        assertThat(empty.entries()).isEmpty();
        assertThat(empty.hasMore()).isFalse();
        assertThat(empty.totalEntries()).isZero();
    }

    // ----- filters ------------------------------------------------------------------------------------

    @Test
    void entries_of_one_type() {
        AuditPage signIns = service.audit(ADMIN, ORG, null, null, "SignedIn", 0, 50);
        assertThat(signIns.entries()).extracting(Entry::number).containsExactly(12L, 10L);
        assertThat(signIns.totalEntries()).isEqualTo(12);

        AuditPage members = service.audit(ADMIN, ORG, null, null, "MemberAdded", 0, 2);
        assertThat(members.entries()).extracting(Entry::number).containsExactly(11L, 6L);
        assertThat(members.hasMore()).isTrue();
        AuditPage moreMembers = service.audit(ADMIN, ORG, null, null, "MemberAdded", 1, 2);
        assertThat(moreMembers.entries()).extracting(Entry::number).containsExactly(5L, 2L);
        assertThat(moreMembers.hasMore()).isFalse();
    }

    @Test
    void entries_from_a_moment_on_and_before_another() {
        assertThat(service.audit(ADMIN, ORG, at(9), null, null, 0, 50).entries())
                .extracting(Entry::number).containsExactly(12L, 11L, 10L);
        assertThat(service.audit(ADMIN, ORG, null, at(2), null, 0, 50).entries())
                .extracting(Entry::number).containsExactly(2L, 1L);
        assertThat(service.audit(ADMIN, ORG, at(2), at(4), null, 0, 50).entries())
                .extracting(Entry::number).containsExactly(4L, 3L);
        assertThat(service.audit(ADMIN, ORG, at(2), at(9), "TeamAdded", 0, 50).entries())
                .extracting(Entry::number).containsExactly(4L, 3L);
    }

    @Test
    void the_types_to_filter_on() {
        assertThat(service.entryTypes()).containsExactly("AccountActivated", "ApiTokenCreated", "ApiTokenRevoked",
                "DataExported",
                "MemberAdded", "MemberChanged", "MemberRemoved", "MinimumGroupSizeChanged", "OrganisationRegistered",
                "ResultsReleased", "RoundClosed", "RoundOpened", "RoundStarted", "SignInFailed", "SignedIn", "TeamAdded",
                "TeamHeadcountSet", "TeamRenamed", "TeamRetired");
    }

    @Test
    void a_request_the_trail_cannot_answer_is_refused() {
        assertThatThrownBy(() -> page(ADMIN, -1, 5)).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> page(ADMIN, 0, 0)).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> page(ADMIN, 0, 501)).isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("500");
        assertThatThrownBy(() -> service.audit(ADMIN, ORG, null, null, "Nonsense", 0, 5))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("Nonsense");
        assertThatThrownBy(() -> service.audit(ADMIN, ORG, at(3), at(3), null, 0, 5))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> service.audit(ADMIN, ORG, at(4), at(3), null, 0, 5))
                .isInstanceOf(InvalidRequest.class);

        assertThat(page(ADMIN, 0, 500).entries()).hasSize(12);
        assertThat(page(ADMIN, 0, 1).entries()).hasSize(1);
        assertThat(service.audit(ADMIN, ORG, at(3), at(3).plusNanos(1), null, 0, 5).entries()).hasSize(1);
    }

    // ----- names as they are now ----------------------------------------------------------------------

    @Test
    void entries_name_actors_members_teams_and_rounds_as_they_are_now() {
        Map<Long, Entry> entries = byNumber(page(ADMIN, 0, 50));
        List<AuditTrail.Entry> stored = trail.all(ORG);

        assertThat(entries.get(1L)).isEqualTo(new Entry(1, at(0), "OrganisationRegistered", "OPERATOR",
                OPERATOR.accountId(), null, Map.of("name", "Acme", "minimumGroupSize", "5"), stored.get(0).hash()));
        assertThat(entries.get(2L).details()).isEqualTo(Map.of("member", ADMIN.accountId(), "role", "ADMIN",
                "teams", "", "memberEmail", "admin@acme.example"));
        assertThat(entries.get(3L)).isEqualTo(new Entry(3, at(2), "TeamAdded", "MEMBER", ADMIN.accountId(),
                "admin@acme.example", Map.of("team", "t-sales", "name", "Sales", "teamName", "Field sales"),
                stored.get(2).hash()));
        assertThat(entries.get(5L).details()).isEqualTo(Map.of("member", LEAD.accountId(), "role", "TEAM_LEAD",
                "teams", "t-sales,t-service", "memberEmail", "lead@acme.example",
                "teamNames", "Field sales, Service"));
        assertThat(entries.get(7L).details()).isEqualTo(Map.of("round", "r-1", "name", "Spring", "teams", "t-sales",
                "closesAt", "", "teamNames", "Field sales"));
        assertThat(entries.get(8L).details()).isEqualTo(Map.of("round", "r-1", "roundName", "Spring"));
        assertThat(entries.get(10L).actorEmail()).isEqualTo("admin@acme.example");
    }

    @Test
    void an_erased_account_is_named_by_its_id_only() {
        Map<Long, Entry> entries = byNumber(page(ADMIN, 0, 50));

        assertThat(entries.get(11L).details()).isEqualTo(Map.of("member", ERASED, "role", "ANALYST", "teams", ""));
        assertThat(entries.get(12L).actorId()).isEqualTo(ERASED);
        assertThat(entries.get(12L).actorEmail()).isNull();
    }

    @Test
    void a_team_or_round_the_organisation_does_not_know_is_named_by_its_id() {
        AuditTrail.Head head = trail.head(ORG);
        trail.append(ORG, new AuditTrail.Entry(head.count() + 1, "e-odd", at(30), "TeamRetired", "MEMBER",
                ADMIN.accountId(), Map.of("team", "t-gone", "round", "r-gone", "teams", "t-gone,t-service"), "hash"));

        Entry odd = page(ADMIN, 0, 1).entries().get(0);

        assertThat(odd.details()).containsEntry("teamName", "t-gone").containsEntry("roundName", "r-gone")
                .containsEntry("teamNames", "t-gone, Service");
    }

    // ----- releases and participation --------------------------------------------------------------------

    @Test
    void a_round_of_which_nothing_was_released_shows_nobody_taking_part_yet() {
        taken("r-1", "t-sales", ids("s-", 7), ids("s-", 6));

        assertThat(page(ADMIN, 0, 5).participation()).containsExactly(new Participation("r-1", "Spring", 0));
    }

    @Test
    void participation_per_round_counts_the_released_batches_only_as_the_reports_do() {
        record(new RoundOpened(ORG, "r-2", "Autumn", List.of(), null, "invitation-token-of-autumn-01",
                ADMIN.actor(), at(12)));
        taken("r-1", "t-sales", ids("s-", 7), ids("s-", 6));
        taken("r-2", "t-sales", ids("a-", 3), ids("a-", 3));
        taken("r-2", "t-service", ids("v-", 2), ids("v-", 2));
        record(new RoundClosed(ORG, "r-2", ADMIN.actor(), at(13)));

        release(1, at(20), List.of(new Batch("r-1", "t-sales", ids("s-", 5))));
        assertThat(page(ADMIN, 0, 5).participation()).as("the last completion of r-1 waits for a batch")
                .containsExactly(new Participation("r-1", "Spring", 5), new Participation("r-2", "Autumn", 0));

        List<String> pooled = new ArrayList<>(ids("a-", 3));
        pooled.addAll(ids("v-", 2));
        release(2, at(30), List.of(new Batch("r-2", null, pooled)));
        assertThat(page(ADMIN, 0, 5).participation()).as("a pooled batch counts for its round")
                .containsExactly(new Participation("r-1", "Spring", 5), new Participation("r-2", "Autumn", 5));
    }

    @Test
    void a_batch_below_todays_minimum_group_size_counts_for_nobody() {
        taken("r-1", "t-sales", ids("s-", 6), ids("s-", 5));
        release(1, at(20), List.of(new Batch("r-1", "t-sales", ids("s-", 5))));
        assertThat(page(ADMIN, 0, 5).participation()).containsExactly(new Participation("r-1", "Spring", 5));

        record(new MinimumGroupSizeChanged(ORG, 6, ADMIN.actor(), at(21)));

        assertThat(page(ADMIN, 0, 5).participation()).as("the batch of 5 is withdrawn")
                .containsExactly(new Participation("r-1", "Spring", 0));
    }

    @Test
    void a_release_reads_as_an_entry_of_the_product_with_its_batches() {
        taken("r-1", "t-sales", ids("s-", 5), ids("s-", 5));
        release(1, at(20), List.of(new Batch("r-1", "t-sales", ids("s-", 5))));

        Entry entry = page(ADMIN, 0, 1).entries().get(0);

        assertThat(entry).isEqualTo(new Entry(13, at(20).plusSeconds(1), "ResultsReleased", "SYSTEM", "releases",
                null, Map.of("release", "1", "cutoff", at(20).toString(), "minimumGroupSize", "5",
                "completed", "r-1/t-sales:5"), trail.all(ORG).get(12).hash()));
        assertThat(service.audit(ADMIN, ORG, null, null, "ResultsReleased", 0, 5).entries())
                .extracting(Entry::number).containsExactly(13L);
    }

    // ----- construction -------------------------------------------------------------------------------

    @Test
    void every_collaborator_is_required() {
        CatchUpWait caughtUp = CatchUps.caughtUp(TIMEOUT);
        assertThatNullPointerException().isThrownBy(() -> new AuditService(null, views, accountService, released,
                caughtUp)).withMessage("trail");
        assertThatNullPointerException().isThrownBy(() -> new AuditService(trail, null, accountService, released,
                caughtUp)).withMessage("organisations");
        assertThatNullPointerException().isThrownBy(() -> new AuditService(trail, views, null, released,
                caughtUp)).withMessage("accounts");
        assertThatNullPointerException().isThrownBy(() -> new AuditService(trail, views, accountService, null,
                caughtUp)).withMessage("released");
        assertThatNullPointerException().isThrownBy(() -> new AuditService(trail, views, accountService, released,
                null)).withMessage("caughtUp");
    }

    // ----- helpers ------------------------------------------------------------------------------------

    private AuditService service(CatchUpWait caughtUp) {
        return new AuditService(trail, views, accountService, released, caughtUp);
    }

    private AuditPage page(Caller caller, int page, int size) {
        return service.audit(caller, ORG, null, null, null, page, size);
    }

    /** Started (the first ones also completed) in a round for a team: into the report facts, not yet released. */
    private void taken(String roundId, String teamId, List<String> started, List<String> completed) {
        var where = new nl.klantspiegel.domain.assessment.Participation(ORG, roundId, teamId);
        Map<String, ReportFacts.Started> starts = new LinkedHashMap<>();
        started.forEach(id -> starts.put(id, new ReportFacts.Started(where, at(14))));
        List<ReportFacts.Filed> filed = completed.stream().map(id -> new ReportFacts.Filed(where, new Completion(id,
                roundId, teamId, at(15), 1, SCORE.answers(), SCORE.band()))).toList();
        facts.apply(new ReportFacts.Changes(starts, filed));
    }

    /** A release with cutoff {@code cutoff}, made a second later: into the report facts and the audit trail. */
    private void release(long number, Instant cutoff, List<Batch> completed) {
        ResultsReleased release = new ResultsReleased(ORG, number, cutoff, 5, completed,
                cutoff.plusSeconds(1));
        facts.released(release);
        auditProjection.on(release, "e-release-" + number);
    }

    /** {@code prefix}0, {@code prefix}1, ...: {@code count} assessment ids. */
    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static Map<Long, Entry> byNumber(AuditPage page) {
        return page.entries().stream().collect(Collectors.toMap(Entry::number, entry -> entry));
    }

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    private void account(String id, String email) {
        accounts.put(new Account(id, new EmailAddress(email), id.equals(OPERATOR.accountId()), "hash:password",
                null, null, T0, T0));
    }

    /** Into the organisation's view as the domain evolves it, and into the trail under a fresh event id. */
    private void record(OrganisationEvent event) {
        Organisation organisation = event instanceof OrganisationRegistered registered
                ? Organisation.registeredWith(registered)
                : views.find(event.organisationId()).orElseThrow().organisation().evolve(event);
        views.save(OrganisationView.of(organisation));
        auditProjection.on(event, "e-" + ++eventIds, organisation.version());
    }
}
