package nl.klantspiegel.application.audit;

import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.AuditTrail.Entry;
import nl.klantspiegel.application.testing.InMemoryAuditTrail;
import nl.klantspiegel.domain.account.AccountActivated;
import nl.klantspiegel.domain.account.ApiTokenCreated;
import nl.klantspiegel.domain.account.ApiTokenRevoked;
import nl.klantspiegel.domain.account.SignInFailed;
import nl.klantspiegel.domain.account.SignedIn;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.DataExported;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.MemberChanged;
import nl.klantspiegel.domain.organisation.MemberRemoved;
import nl.klantspiegel.domain.organisation.MinimumGroupSizeChanged;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.RoundClosed;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.TeamAdded;
import nl.klantspiegel.domain.organisation.TeamRenamed;
import nl.klantspiegel.domain.organisation.TeamRetired;
import nl.klantspiegel.domain.release.ResultsReleased;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The audit trail as the events make it: per organisation, entries numbered from 1 without gaps, each with its
 * type, actor and details, chained by hash; a redelivered event appended once; a member's sign-ins and tokens filed
 * with each organisation they belong to at that moment; each release of results an entry of the product (actor kind
 * SYSTEM) with its batches — round, team or pooled, size — and never which assessments, nor anything per respondent.
 */
class AuditTrailProjectionTest {

    private static final String ORG = "org-acme";
    private static final String OTHER_ORG = "org-other";
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant CLOSES = T0.plus(Duration.ofDays(14));
    private static final Instant CUTOFF = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant RELEASED_AT = CUTOFF.plusMillis(1_234);
    private static final Actor OPERATOR = Actor.operator("operator-1");
    private static final Actor ADMIN = Actor.member("m-admin");

    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final AuditTrailProjection projection = new AuditTrailProjection(trail);
    private int eventIds;
    private final java.util.Map<String, Long> sequences = new java.util.HashMap<>();

    @Test
    void each_organisation_event_becomes_an_entry_with_its_actor_and_details() {
        record(new OrganisationRegistered(ORG, "Acme", 5, OPERATOR, T0));
        record(new MemberAdded(ORG, ADMIN.id(), Role.ADMIN, List.of(), OPERATOR, T0));
        record(new TeamAdded(ORG, "t-sales", "Sales", ADMIN, T1));
        record(new TeamAdded(ORG, "t-service", "Service", ADMIN, T1));
        record(new TeamRenamed(ORG, "t-sales", "Field sales", ADMIN, T1));
        record(new TeamRetired(ORG, "t-service", ADMIN, T1));
        record(new MemberAdded(ORG, "m-lead", Role.TEAM_LEAD, List.of("t-sales", "t-service"), ADMIN, T1));
        record(new MemberChanged(ORG, "m-lead", Role.TEAM_LEAD, List.of("t-sales"), ADMIN, T1));
        record(new MemberRemoved(ORG, "m-lead", ADMIN, T1));
        record(new MinimumGroupSizeChanged(ORG, 8, ADMIN, T1));
        record(new RoundOpened(ORG, "r-1", "Spring", List.of("t-sales"), CLOSES, "secret-invitation", ADMIN, T1));
        record(new RoundOpened(ORG, "r-2", "Everyone", List.of(), null, "another-invitation", ADMIN, T1));
        record(new RoundClosed(ORG, "r-1", ADMIN, T1.plusSeconds(1)));
        record(new DataExported(ORG, "x-1", "events", "after=3", 42, "ab".repeat(32), true, ADMIN, T1.plusSeconds(2)));

        assertThat(trail.all(ORG))
                .extracting(Entry::number, Entry::eventId, Entry::at, Entry::type, Entry::actorKind, Entry::actorId,
                        Entry::details)
                .containsExactly(
                        tuple(1L, "e-1", T0, "OrganisationRegistered", "OPERATOR", "operator-1",
                                Map.of("name", "Acme", "minimumGroupSize", "5")),
                        tuple(2L, "e-2", T0, "MemberAdded", "OPERATOR", "operator-1",
                                Map.of("member", ADMIN.id(), "role", "ADMIN", "teams", "")),
                        tuple(3L, "e-3", T1, "TeamAdded", "MEMBER", ADMIN.id(),
                                Map.of("team", "t-sales", "name", "Sales")),
                        tuple(4L, "e-4", T1, "TeamAdded", "MEMBER", ADMIN.id(),
                                Map.of("team", "t-service", "name", "Service")),
                        tuple(5L, "e-5", T1, "TeamRenamed", "MEMBER", ADMIN.id(),
                                Map.of("team", "t-sales", "name", "Field sales")),
                        tuple(6L, "e-6", T1, "TeamRetired", "MEMBER", ADMIN.id(), Map.of("team", "t-service")),
                        tuple(7L, "e-7", T1, "MemberAdded", "MEMBER", ADMIN.id(),
                                Map.of("member", "m-lead", "role", "TEAM_LEAD", "teams", "t-sales,t-service")),
                        tuple(8L, "e-8", T1, "MemberChanged", "MEMBER", ADMIN.id(),
                                Map.of("member", "m-lead", "role", "TEAM_LEAD", "teams", "t-sales")),
                        tuple(9L, "e-9", T1, "MemberRemoved", "MEMBER", ADMIN.id(), Map.of("member", "m-lead")),
                        tuple(10L, "e-10", T1, "MinimumGroupSizeChanged", "MEMBER", ADMIN.id(),
                                Map.of("minimumGroupSize", "8")),
                        tuple(11L, "e-11", T1, "RoundOpened", "MEMBER", ADMIN.id(), Map.of("round", "r-1",
                                "name", "Spring", "teams", "t-sales", "closesAt", CLOSES.toString())),
                        tuple(12L, "e-12", T1, "RoundOpened", "MEMBER", ADMIN.id(), Map.of("round", "r-2",
                                "name", "Everyone", "teams", "", "closesAt", "")),
                        tuple(13L, "e-13", T1.plusSeconds(1), "RoundClosed", "MEMBER", ADMIN.id(),
                                Map.of("round", "r-1")),
                        tuple(14L, "e-14", T1.plusSeconds(2), "DataExported", "MEMBER", ADMIN.id(),
                                Map.of("export", "x-1", "kind", "events", "filter", "after=3", "records", "42",
                                        "lastHash", "ab".repeat(32), "complete", "true")));
    }

    @Test
    void schedules_and_headcounts_become_entries_the_product_as_actor_of_what_it_recorded() {
        registeredWithAdmin(ORG);
        record(new TeamAdded(ORG, "t-sales", "Sales", ADMIN, T1));
        record(new nl.klantspiegel.domain.organisation.TeamHeadcountSet(ORG, "t-sales", 12, ADMIN, T1));
        record(new nl.klantspiegel.domain.organisation.TeamHeadcountSet(ORG, "t-sales", null, ADMIN, T1));
        record(new RoundOpened(ORG, "r-1", "Later", List.of(), CLOSES, "secret-invitation", ADMIN, T1,
                T1.plusSeconds(3600)));
        record(new nl.klantspiegel.domain.organisation.RoundStarted(ORG, "r-1",
                nl.klantspiegel.domain.organisation.Actor.system(), T1.plusSeconds(3600)));
        record(new RoundClosed(ORG, "r-1", nl.klantspiegel.domain.organisation.Actor.system(), CLOSES));

        assertThat(trail.all(ORG).subList(3, 8))
                .extracting(Entry::at, Entry::type, Entry::actorKind, Entry::actorId, Entry::details)
                .containsExactly(
                        tuple(T1, "TeamHeadcountSet", "MEMBER", ADMIN.id(), Map.of("team", "t-sales", "headcount",
                                "12")),
                        tuple(T1, "TeamHeadcountSet", "MEMBER", ADMIN.id(), Map.of("team", "t-sales", "headcount",
                                "")),
                        tuple(T1, "RoundOpened", "MEMBER", ADMIN.id(), Map.of("round", "r-1", "name", "Later",
                                "teams", "", "closesAt", CLOSES.toString(), "opensAt",
                                T1.plusSeconds(3600).toString())),
                        tuple(T1.plusSeconds(3600), "RoundStarted", "SYSTEM", "klantspiegel", Map.of("round",
                                "r-1")),
                        tuple(CLOSES, "RoundClosed", "SYSTEM", "klantspiegel", Map.of("round", "r-1")));
    }

    @Test
    void each_entry_is_chained_to_the_one_before_it() {
        registeredWithAdmin(ORG);
        record(new TeamAdded(ORG, "t-sales", "Sales", ADMIN, T1));
        projection.on(new SignedIn(ADMIN.id(), T1), "e-signed-in");
        projection.on(release(ORG, 1, List.of(batch("r-1", "t-sales", 5))), "e-release-1");

        List<Entry> entries = trail.all(ORG);
        String previous = "";
        for (Entry entry : entries) {
            assertThat(entry.hash()).as("entry " + entry.number()).isEqualTo(AuditTrailProjection.chain(previous,
                    entry.number(), entry.at(), entry.type(), entry.actorKind(), entry.actorId(), entry.details()));
            previous = entry.hash();
        }
        assertThat(entries).extracting(Entry::hash).doesNotHaveDuplicates();
        assertThat(trail.head(ORG)).isEqualTo(new AuditTrail.Head(5, previous, List.of("e-1", "e-2", "e-3",
                "e-signed-in", "e-release-1")));
    }

    /** The hash an auditor recomputes: SHA-256 over the previous hash, number, time, type, actor, sorted details. */
    @Test
    void the_chain_is_the_sha256_of_the_previous_hash_and_the_entrys_fields_in_a_fixed_order() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("name", "Acme");
        details.put("minimumGroupSize", "5");

        String first = AuditTrailProjection.chain("", 1, T0, "OrganisationRegistered", "OPERATOR", "operator-1",
                details);
        assertThat(first).isEqualTo("cffc8af62b48b2e701873d5c763330f994854aa37c89d724438e2aa85e3ccfb3")
                .isEqualTo(sha256("\n1\n2026-11-22T09:00:00Z\nOrganisationRegistered\nOPERATOR\noperator-1"
                        + "\nminimumGroupSize=5\nname=Acme"));

        Map<String, String> added = new LinkedHashMap<>();
        added.put("teams", "");
        added.put("role", "ADMIN");
        added.put("member", "m-admin");
        assertThat(AuditTrailProjection.chain(first, 2, T0, "MemberAdded", "OPERATOR", "operator-1", added))
                .isEqualTo("4a6a801da456518e9e5f53422963653c45eb53d269d56f8248554aad1d418bda");
    }

    @Test
    void the_first_entries_of_a_trail_are_the_ones_the_auditor_recomputes() {
        projection.on(new OrganisationRegistered(ORG, "Acme", 5, OPERATOR, T0), "e-1", 0);
        projection.on(new MemberAdded(ORG, "m-admin", Role.ADMIN, List.of(), OPERATOR, T0), "e-2", 1);

        assertThat(trail.all(ORG)).extracting(Entry::hash).containsExactly(
                "cffc8af62b48b2e701873d5c763330f994854aa37c89d724438e2aa85e3ccfb3",
                "4a6a801da456518e9e5f53422963653c45eb53d269d56f8248554aad1d418bda");
    }

    @Test
    void each_organisation_has_its_own_numbering_and_chain() {
        registeredWithAdmin(ORG);
        registeredWithAdmin(OTHER_ORG);
        record(new TeamAdded(ORG, "t-sales", "Sales", ADMIN, T1));

        assertThat(trail.all(ORG)).extracting(Entry::number).containsExactly(1L, 2L, 3L);
        assertThat(trail.all(OTHER_ORG)).extracting(Entry::number).containsExactly(1L, 2L);
        Entry otherFirst = trail.all(OTHER_ORG).get(0);
        assertThat(otherFirst.hash()).isEqualTo(AuditTrailProjection.chain("", 1, otherFirst.at(), otherFirst.type(),
                otherFirst.actorKind(), otherFirst.actorId(), otherFirst.details()));
    }

    @Test
    void a_redelivered_event_is_appended_once() {
        registeredWithAdmin(ORG);
        TeamAdded added = new TeamAdded(ORG, "t-sales", "Sales", ADMIN, T1);
        projection.on(added, "e-team", 2);
        projection.on(added, "e-team", 2);
        projection.on(new SignedIn(ADMIN.id(), T1), "e-signed-in");
        projection.on(new SignedIn(ADMIN.id(), T1), "e-signed-in");

        assertThat(trail.all(ORG)).extracting(Entry::eventId).containsExactly("e-1", "e-2", "e-team", "e-signed-in");
    }

    @Test
    void a_members_account_events_are_filed_with_each_of_their_organisations() {
        registeredWithAdmin(ORG);
        registeredWithAdmin(OTHER_ORG);
        Instant expires = T1.plus(Duration.ofDays(90));

        projection.on(new SignedIn(ADMIN.id(), T1), "a-1");
        projection.on(new SignInFailed(ADMIN.id(), T1), "a-2");
        projection.on(new AccountActivated(ADMIN.id(), T1), "a-3");
        projection.on(new ApiTokenCreated(ADMIN.id(), "tok-1", expires, T1), "a-4");
        projection.on(new ApiTokenRevoked(ADMIN.id(), "tok-1", T1), "a-5");

        for (String organisation : List.of(ORG, OTHER_ORG)) {
            assertThat(trail.all(organisation).subList(2, 7))
                    .extracting(Entry::number, Entry::eventId, Entry::at, Entry::type, Entry::actorKind,
                            Entry::actorId, Entry::details)
                    .containsExactly(
                            tuple(3L, "a-1", T1, "SignedIn", "MEMBER", ADMIN.id(), Map.of()),
                            tuple(4L, "a-2", T1, "SignInFailed", "MEMBER", ADMIN.id(), Map.of()),
                            tuple(5L, "a-3", T1, "AccountActivated", "MEMBER", ADMIN.id(), Map.of()),
                            tuple(6L, "a-4", T1, "ApiTokenCreated", "MEMBER", ADMIN.id(),
                                    Map.of("token", "tok-1", "expiresAt", expires.toString())),
                            tuple(7L, "a-5", T1, "ApiTokenRevoked", "MEMBER", ADMIN.id(), Map.of("token", "tok-1")));
        }
    }

    @Test
    void the_account_events_of_someone_who_is_no_member_are_filed_nowhere() {
        registeredWithAdmin(ORG);

        projection.on(new SignedIn("m-stranger", T1), "a-1");

        assertThat(trail.all(ORG)).hasSize(2);
        assertThat(trail.organisationsOf("m-stranger")).isEmpty();
    }

    @Test
    void a_removed_member_is_no_longer_filed_with_that_organisation() {
        registeredWithAdmin(ORG);
        registeredWithAdmin(OTHER_ORG);
        MemberAdded leadAdded = new MemberAdded(ORG, "m-lead", Role.ANALYST, List.of(), ADMIN, T0);
        projection.on(leadAdded, "e-lead-added", 2);
        projection.on(leadAdded, "e-lead-added", 2);
        record(new MemberAdded(OTHER_ORG, "m-lead", Role.ANALYST, List.of(), ADMIN, T0));
        assertThat(trail.organisationsOf("m-lead")).containsExactly(ORG, OTHER_ORG);

        record(new MemberRemoved(ORG, "m-lead", ADMIN, T1));
        projection.on(new SignedIn("m-lead", T1), "a-1");

        assertThat(trail.organisationsOf("m-lead")).containsExactly(OTHER_ORG);
        assertThat(trail.all(ORG)).extracting(Entry::type).doesNotContain("SignedIn");
        assertThat(trail.all(OTHER_ORG)).extracting(Entry::type).endsWith("SignedIn");
    }

    @Test
    void removing_someone_the_trail_does_not_know_as_a_member_changes_nothing() {
        registeredWithAdmin(ORG);
        registeredWithAdmin(OTHER_ORG);
        record(new MemberAdded(OTHER_ORG, "m-lead", Role.ANALYST, List.of(), ADMIN, T0));

        record(new MemberRemoved(ORG, "m-lead", ADMIN, T1));

        assertThat(trail.organisationsOf("m-lead")).containsExactly(OTHER_ORG);
    }

    // ----- releases -----------------------------------------------------------------------------------

    @Test
    void a_release_becomes_one_entry_of_the_product_with_its_batches_and_never_its_assessments() {
        registeredWithAdmin(ORG);

        projection.on(release(ORG, 1, List.of(batch("r-1", "t-sales", 5), batch("r-1", null, 6),
                batch("r-2", "t-service", 7))), "e-release-1");

        Entry entry = trail.all(ORG).get(2);
        assertThat(entry).extracting(Entry::number, Entry::eventId, Entry::at, Entry::type, Entry::actorKind,
                        Entry::actorId)
                .containsExactly(3L, "e-release-1", RELEASED_AT, "ResultsReleased", "SYSTEM", "releases");
        assertThat(entry.details()).isEqualTo(Map.of(
                "release", "1",
                "cutoff", CUTOFF.toString(),
                "minimumGroupSize", "5",
                "completed", "r-1/t-sales:5 r-1/pooled:6 r-2/t-service:7"));
        assertThat(entry.details().values()).as("which assessments were released is not the trail's business")
                .noneMatch(value -> value.contains("a-"));
        assertThat(entry.hash()).isEqualTo(AuditTrailProjection.chain(trail.all(ORG).get(1).hash(), 3,
                RELEASED_AT, "ResultsReleased", "SYSTEM", "releases", entry.details()));
    }

    @Test
    void a_release_is_entered_with_its_number_and_minimum_as_released() {
        projection.on(new ResultsReleased(ORG, 12, CUTOFF, 7, List.of(batch("r-3", null, 7)), RELEASED_AT),
                "e-release-12");

        assertThat(trail.all(ORG)).singleElement().extracting(Entry::details).isEqualTo(Map.of(
                "release", "12", "cutoff", CUTOFF.toString(), "minimumGroupSize", "7", "completed", "r-3/pooled:7"));
    }

    @Test
    void a_release_is_filed_with_its_own_organisation_only() {
        registeredWithAdmin(ORG);
        registeredWithAdmin(OTHER_ORG);

        projection.on(release(OTHER_ORG, 1, List.of(batch("r-9", "t-9", 5))), "e-release-other");

        assertThat(trail.all(ORG)).extracting(Entry::type).doesNotContain("ResultsReleased");
        assertThat(trail.all(OTHER_ORG)).extracting(Entry::number, Entry::type)
                .endsWith(tuple(3L, "ResultsReleased"));
    }

    @Test
    void a_redelivered_release_is_appended_once_and_the_chain_goes_on_after_it() {
        registeredWithAdmin(ORG);
        ResultsReleased first = release(ORG, 1, List.of(batch("r-1", "t-sales", 5)));

        projection.on(first, "e-release-1");
        projection.on(first, "e-release-1");
        record(new TeamAdded(ORG, "t-new", "New", ADMIN, RELEASED_AT.plusSeconds(1)));

        List<Entry> entries = trail.all(ORG);
        assertThat(entries).extracting(Entry::eventId).containsExactly("e-1", "e-2", "e-release-1", "e-3");
        assertThat(entries.get(3).hash()).isEqualTo(AuditTrailProjection.chain(entries.get(2).hash(), 4,
                entries.get(3).at(), "TeamAdded", "MEMBER", ADMIN.id(), entries.get(3).details()));
    }

    @Test
    void a_reset_clears_the_trail_before_a_rebuild() {
        registeredWithAdmin(ORG);
        projection.on(release(ORG, 1, List.of(batch("r-1", "t-1", 5))), "e-release-1");

        projection.reset();

        assertThat(trail.head(ORG)).isEqualTo(new AuditTrail.Head(0, "", List.of()));
        assertThat(trail.organisationsOf(ADMIN.id())).isEmpty();
    }

    private void registeredWithAdmin(String organisationId) {
        record(new OrganisationRegistered(organisationId, "Org " + organisationId, 5, OPERATOR, T0));
        record(new MemberAdded(organisationId, ADMIN.id(), Role.ADMIN, List.of(), OPERATOR, T0));
    }

    /** Delivers an event under a fresh identifier: e-1, e-2, ... */
    private void record(OrganisationEvent event) {
        projection.on(event, "e-" + ++eventIds, sequences.merge(event.organisationId(), 1L, Long::sum) - 1);
    }

    private static ResultsReleased release(String organisationId, long number,
                                           List<ResultsReleased.Batch> completed) {
        return new ResultsReleased(organisationId, number, CUTOFF, 5, completed, RELEASED_AT);
    }

    /** A batch of {@code size} assessments (a-0, a-1, ...) of a round and team (null: pooled). */
    private static ResultsReleased.Batch batch(String roundId, String teamId, int size) {
        return new ResultsReleased.Batch(roundId, teamId,
                java.util.stream.IntStream.range(0, size).mapToObj(i -> "a-" + i).toList());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
