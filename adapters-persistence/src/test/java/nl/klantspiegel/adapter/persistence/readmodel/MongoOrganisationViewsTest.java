package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.OrganisationViews.Summary;
import nl.klantspiegel.domain.organisation.Organisation;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;

import static nl.klantspiegel.application.testing.contract.OrganisationViewsContract.CLOSED;
import static nl.klantspiegel.application.testing.contract.OrganisationViewsContract.CLOSES;
import static nl.klantspiegel.application.testing.contract.OrganisationViewsContract.OPENED;
import static nl.klantspiegel.application.testing.contract.OrganisationViewsContract.fullView;
import static nl.klantspiegel.application.testing.contract.OrganisationViewsContract.withVersion;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organisations' read model through the real MongoDB driver, against the embedded wire-protocol server: what only
 * storage can get wrong (documents, a new instance, documents of earlier builds). The port's promises:
 * {@link MongoOrganisationViewsContractTest}.
 */
class MongoOrganisationViewsTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("organisations");

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
    MongoOrganisationViews views = new MongoOrganisationViews(mongo);


    @Test
    void one_document_per_organisation_and_one_list_however_often_saved_and_none_after_a_clear() {
        views.save(fullView("org-a", "Alpha"));
        views.save(withVersion(fullView("org-a", "Alpha Renamed"), 42));
        views.save(fullView("org-a", "Alpha"));
        views.save(fullView("org-b", "Beta"));

        assertThat(mongo.getCollection(MongoOrganisationViews.ORGANISATIONS).countDocuments()).isEqualTo(2);
        assertThat(mongo.getCollection(MongoOrganisationViews.INDEX).countDocuments()).isEqualTo(1);

        views.clear();

        assertThat(mongo.getCollection(MongoOrganisationViews.ORGANISATIONS).countDocuments()).isZero();
        assertThat(mongo.getCollection(MongoOrganisationViews.INDEX).countDocuments()).isZero();
    }

    @Test
    void the_list_survives_a_new_store_on_the_same_database() {
        views.save(fullView("org-a", "Alpha"));
        views.save(fullView("org-b", "Beta"));

        MongoOrganisationViews again = new MongoOrganisationViews(mongo);

        assertThat(again.all()).containsExactly(new Summary("org-a", "Alpha"), new Summary("org-b", "Beta"));
        assertThat(again.find("org-a")).contains(fullView("org-a", "Alpha"));
    }

    @Test
    void the_stored_document_is_readable_for_an_analyst() {
        views.save(fullView("org-1", "Acme"));

        BsonDocument stored = mongo.getCollection(MongoOrganisationViews.ORGANISATIONS)
                .withDocumentClass(BsonDocument.class).find(new Document("_id", "org-1")).first();

        assertThat(stored.keySet()).containsExactlyInAnyOrder(
                "_id", "name", "minimumGroupSize", "version", "teams", "members", "rounds");
        assertThat(stored.getString("_id").getValue()).isEqualTo("org-1");
        assertThat(stored.getString("name").getValue()).isEqualTo("Acme");
        assertThat(stored.get("minimumGroupSize").getBsonType()).isEqualTo(BsonType.INT32);
        assertThat(stored.getInt32("minimumGroupSize").getValue()).isEqualTo(5);
        assertThat(stored.get("version").getBsonType()).isEqualTo(BsonType.INT64);
        assertThat(stored.getInt64("version").getValue()).isEqualTo(41L);

        BsonDocument team = stored.getArray("teams").get(2).asDocument();
        assertThat(team.keySet()).containsExactlyInAnyOrder("id", "name", "retired", "headcount");
        assertThat(team.get("headcount").getBsonType()).isEqualTo(BsonType.NULL);
        assertThat(stored.getArray("teams").get(1).asDocument().getInt32("headcount").getValue()).isEqualTo(14);
        assertThat(team.getString("id").getValue()).isEqualTo("t-3");
        assertThat(team.getString("name").getValue()).isEqualTo("Old team");
        assertThat(team.getBoolean("retired").getValue()).isTrue();

        BsonDocument lead = stored.getArray("members").get(1).asDocument();
        assertThat(lead.keySet()).containsExactlyInAnyOrder("id", "role", "teams");
        assertThat(lead.getString("id").getValue()).isEqualTo("acc-lead");
        assertThat(lead.getString("role").getValue()).isEqualTo("TEAM_LEAD");
        assertThat(lead.getArray("teams").stream().map(value -> value.asString().getValue()))
                .containsExactly("t-1", "t-2");

        BsonDocument closed = stored.getArray("rounds").get(1).asDocument();
        assertThat(closed.keySet()).containsExactlyInAnyOrder(
                "id", "name", "teams", "openedAt", "opensAt", "started", "closesAt", "closedAt", "invitationToken");
        assertThat(closed.getDateTime("opensAt").getValue()).isEqualTo(OPENED.toEpochMilli());
        assertThat(closed.getBoolean("started").getValue()).isTrue();
        assertThat(stored.getArray("rounds").get(3).asDocument().getBoolean("started").getValue()).isFalse();
        assertThat(closed.getString("id").getValue()).isEqualTo("r-2");
        assertThat(closed.getString("name").getValue()).isEqualTo("Autumn, team 2");
        assertThat(closed.getArray("teams").stream().map(value -> value.asString().getValue()))
                .containsExactly("t-2");
        assertThat(closed.get("openedAt").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(closed.getDateTime("openedAt").getValue()).isEqualTo(OPENED.toEpochMilli());
        assertThat(closed.get("closesAt").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(closed.getDateTime("closesAt").getValue()).isEqualTo(CLOSES.toEpochMilli());
        assertThat(closed.get("closedAt").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(closed.getDateTime("closedAt").getValue()).isEqualTo(CLOSED.toEpochMilli());
        assertThat(closed.getString("invitationToken").getValue()).isEqualTo("invite-r-2");

        BsonDocument open = stored.getArray("rounds").get(0).asDocument();
        assertThat(open.get("closesAt").getBsonType()).isEqualTo(BsonType.NULL);
        assertThat(open.get("closedAt").getBsonType()).isEqualTo(BsonType.NULL);
        assertThat(open.getArray("teams")).isEmpty();

        BsonDocument index = mongo.getCollection(MongoOrganisationViews.INDEX)
                .withDocumentClass(BsonDocument.class).find().first();
        assertThat(index.getString("_id").getValue()).isEqualTo("registered");
        assertThat(index.getDocument("organisations").getDocument("org-1").getString("name").getValue())
                .isEqualTo("Acme");
    }

    /** Teams (one retired), members of every role (a lead of two teams), an open and a closed round. */
    @Test
    void the_list_kept_before_as_one_array_is_read_first_and_still_counts() {
        mongo.getCollection(MongoOrganisationViews.INDEX).insertOne(new org.bson.Document("_id", "all")
                .append("organisations", List.of(new org.bson.Document("id", "org-old").append("name", "Old"),
                        new org.bson.Document("id", "org-b").append("name", "Beta"))));

        views.save(fullView("org-new", "New"));
        views.save(withVersion(fullView("org-b", "Beta Renamed"), 50));

        assertThat(views.all()).containsExactly(new Summary("org-old", "Old"), new Summary("org-b", "Beta Renamed"),
                new Summary("org-new", "New"));
    }

    @org.junit.jupiter.api.Test
    void a_view_of_an_earlier_build_reads_its_teams_without_headcounts_and_its_rounds_as_opened_at_once() {
        mongo.getCollection(MongoOrganisationViews.ORGANISATIONS).insertOne(new org.bson.Document("_id", "org-old")
                .append("name", "Old").append("minimumGroupSize", 5).append("version", 7L)
                .append("teams", List.of(new org.bson.Document("id", "t-1").append("name", "Sales")
                        .append("retired", false)))
                .append("members", List.of())
                .append("rounds", List.of(new org.bson.Document("id", "r-1").append("name", "Spring")
                        .append("teams", List.of()).append("openedAt", java.util.Date.from(OPENED))
                        .append("closesAt", null).append("closedAt", null).append("invitationToken", "invite"))));

        OrganisationView old = views.find("org-old").orElseThrow();
        assertThat(old.teams()).containsExactly(new Organisation.Team("t-1", "Sales", false, null));
        assertThat(old.rounds()).containsExactly(new Organisation.Round("r-1", "Spring", List.of(), OPENED, OPENED,
                null, null, "invite", true));
    }
}
