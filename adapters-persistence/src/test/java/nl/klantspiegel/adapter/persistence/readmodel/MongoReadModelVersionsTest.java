package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Invitations.Invitation;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.domain.assessment.Participation;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read models' versions, through the real MongoDB driver against the embedded server. */
class MongoReadModelVersionsTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("read-model-versions");

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
    MongoReadModelVersions versions = new MongoReadModelVersions(mongo);

    @Test
    void each_projection_keeps_its_own_active_version_also_for_a_new_instance() {
        assertThat(versions.active("assessment-views")).isZero();

        versions.activate("assessment-views", 3);
        versions.activate("audit-trail", 1);
        versions.activate("assessment-views", 4);

        MongoReadModelVersions afterRestart = new MongoReadModelVersions(mongo);
        assertThat(afterRestart.active("assessment-views")).isEqualTo(4);
        assertThat(afterRestart.active("audit-trail")).isEqualTo(1);
        assertThat(afterRestart.active("reports")).isZero();
    }

    @Test
    void the_reports_version_kept_by_the_first_release_is_still_read_and_replaced_by_the_next_switch() {
        mongo.save(new Document("_id", "reportFactsVersion").append("version", 2), "settings");

        assertThat(versions.active("reports")).isEqualTo(2);
        assertThat(versions.active("audit-trail")).as("only the reports had it").isZero();

        versions.activate("reports", 3);
        assertThat(versions.active("reports")).isEqualTo(3);
        assertThat(mongo.findById("reportFactsVersion", Document.class, "settings")).isNull();
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
    void every_read_model_port_opens_and_drops() {
        for (Class<?> port : List.of(OrganisationViews.class, Invitations.class,
                Memberships.class, ReportFacts.class, AnswerChangeFacts.class, AuditTrail.class)) {
            assertThat(versions.open(port, 1)).as(port.getSimpleName()).isInstanceOf(port);
            versions.drop(port, 1);
        }
        assertThatThrownBy(() -> versions.open(String.class, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("String stores no read model");
        assertThatThrownBy(() -> versions.drop(String.class, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> versions.open(Invitations.class, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
