package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Invitations.Invitation;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.port.out.ReadModelVersions.Retired;
import nl.klantspiegel.domain.assessment.Participation;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The read models' versions, through the real MongoDB driver against the embedded server: what only storage can get
 * wrong (a new instance, concurrent writers, collections, documents of earlier releases). The port's promises:
 * {@link MongoReadModelVersionsContractTest}.
 */
class MongoReadModelVersionsTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("read-model-versions");

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
    MongoReadModelVersions versions = new MongoReadModelVersions(mongo);

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void the_answering_and_retired_versions_are_kept_for_a_new_instance() {
        assertThat(versions.activate("assessment-views", 0, 3, AT)).isTrue();
        assertThat(versions.activate("audit-trail", 0, 1, AT.plusMillis(500))).isTrue();
        versions.retire("reports", 2, AT.plusSeconds(1));

        MongoReadModelVersions afterRestart = new MongoReadModelVersions(mongo);
        assertThat(afterRestart.active(List.of("assessment-views", "audit-trail", "reports")))
                .isEqualTo(Map.of("assessment-views", 3, "audit-trail", 1, "reports", 0));
        assertThat(afterRestart.retired(List.of("assessment-views", "audit-trail", "reports"))).containsExactly(
                new Retired("assessment-views", 0, AT), new Retired("audit-trail", 0, AT.plusMillis(500)),
                new Retired("reports", 2, AT.plusSeconds(1)));
        assertThat(afterRestart.allocate("assessment-views")).isEqualTo(4);
    }

    @Test
    void two_nodes_switching_at_once_from_the_same_version_one_wins() throws Exception {
        versions.allocate("reports");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                int version = i;
                attempts.add(pool.submit(() -> new MongoReadModelVersions(mongo).activate("reports", 0, version, AT)));
            }
            int won = 0;
            for (var attempt : attempts) {
                won += attempt.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(versions.retired(List.of("reports"))).hasSize(1);
    }

    @Test
    void version_numbers_are_handed_out_once_to_concurrent_builders_and_above_a_version_written_without_a_count()
            throws Exception {
        mongo.save(new Document("_id", "readModelVersion:organisation-views").append("version", 6), "settings");
        assertThat(versions.allocate("organisation-views")).as("above the answering version").isEqualTo(7);

        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> handedOut = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                handedOut.add(pool.submit(() -> new MongoReadModelVersions(mongo).allocate("answer-changes")));
            }
            java.util.Set<Integer> numbers = new java.util.TreeSet<>();
            for (var number : handedOut) {
                numbers.add(number.get());
            }
            assertThat(numbers).as("never the same number twice").hasSize(40);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void the_reports_version_kept_by_the_first_release_is_still_read_and_replaced_by_the_next_switch() {
        mongo.save(new Document("_id", "reportFactsVersion").append("version", 2), "settings");

        assertThat(versions.active("reports")).isEqualTo(2);
        assertThat(versions.active("audit-trail")).as("only the reports had it").isZero();
        assertThat(versions.allocate("reports")).isEqualTo(3);

        assertThat(versions.activate("reports", 0, 3, AT)).isFalse();
        assertThat(versions.activate("reports", 2, 3, AT)).isTrue();
        assertThat(versions.active("reports")).isEqualTo(3);
        assertThat(mongo.findById("reportFactsVersion", Document.class, "settings")).isNull();
        assertThat(versions.retired(List.of("reports"))).containsExactly(new Retired("reports", 2, AT));
    }

    @Test
    void a_version_lives_in_its_own_collections_and_is_dropped_alone() {
        versions.open(Invitations.class, 0).save(new Invitation("tok-0", "acme", "r-1"));
        Invitations second = versions.open(Invitations.class, 2);
        second.save(new Invitation("tok-2", "acme", "r-1"));
        versions.open(ReportFacts.class, 2).apply(new ReportFacts.Changes(Map.of("a-1",
                new ReportFacts.Started(new Participation("acme", "r-1", "t-1"), Instant.EPOCH)), List.of()));

        assertThat(mongo.collectionExists("invitations")).isTrue();
        assertThat(mongo.collectionExists("invitations_v2")).isTrue();
        assertThat(second.find("tok-0")).isEmpty();
        assertThat(versions.open(Invitations.class, 2).find("tok-2")).isPresent();

        versions.drop(Invitations.class, 2);
        versions.drop(Invitations.class, 5); // never made: nothing to do

        assertThat(mongo.collectionExists("invitations_v2")).isFalse();
        assertThat(mongo.collectionExists("invitations")).as("version 0 untouched").isTrue();
        assertThat(mongo.collectionExists("reportParticipations_v2")).as("another read model untouched").isTrue();
        versions.drop(ReportFacts.class, 2);
        assertThat(mongo.getCollectionNames()).noneMatch(name -> name.startsWith("report"));
    }

    @Test
    void dropping_an_audit_trail_version_drops_the_day_counts_earlier_versions_kept() {
        // as an earlier version left them: respondents counted per day, no longer written or read
        mongo.insert(new Document("_id", "acme:r-1:2026-11-22").append("started", List.of("a-1")), "auditActivity_v1");
        mongo.insert(new Document("_id", "acme").append("days", List.of("acme:r-1:2026-11-22")),
                "auditActivityIndex_v1");
        mongo.insert(new Document("_id", "a-1").append("organisationId", "acme"), "auditParticipations_v1");
        versions.open(AuditTrail.class, 1).setOrganisationsOf("acc-1", List.of("acme"));
        mongo.insert(new Document("_id", "a-2"), "auditParticipations");

        versions.drop(AuditTrail.class, 1);

        assertThat(mongo.getCollectionNames()).noneMatch(name -> name.endsWith("_v1"));
        assertThat(mongo.collectionExists("auditParticipations")).as("version 0 untouched").isTrue();
    }

    @Test
    void every_read_model_port_drops_its_collections_and_a_bad_store_or_version_is_refused() {
        for (Class<?> port : List.of(OrganisationViews.class, Invitations.class,
                Memberships.class, ReportFacts.class, AnswerChangeFacts.class, AuditTrail.class)) {
            versions.open(port, 1);
            versions.drop(port, 1);
        }
        assertThat(mongo.getCollectionNames()).noneMatch(name -> name.endsWith("_v1"));
        assertThatThrownBy(() -> versions.drop(String.class, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> versions.open(Invitations.class, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
