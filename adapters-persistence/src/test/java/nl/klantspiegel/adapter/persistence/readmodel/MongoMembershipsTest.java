package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.Role;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each account's memberships as stored, through the real MongoDB driver against the embedded server: what only storage
 * can get wrong (the document's shape, the earlier shape, one document per account). The port's promises are
 * {@code MembershipsContract}'s, which this adapter and the in-memory fake both keep.
 */
class MongoMembershipsTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("memberships");

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
    MongoMemberships memberships = new MongoMemberships(mongo);

    @Test
    void one_organisations_record_leaves_the_accounts_others_and_other_accounts_alone() {
        Membership other = new Membership("org-1", "acc-2", Role.ANALYST, Set.of());
        Membership first = new Membership("org-1", "acc-1", Role.ADMIN, Set.of());
        memberships.record("acc-2", "org-1", Optional.of(other), 1);
        memberships.record("acc-1", "org-1", Optional.of(first), 9);

        Membership changed = new Membership("org-2", "acc-1", Role.TEAM_LEAD, Set.of("t-1"));
        memberships.record("acc-1", "org-2", Optional.of(changed), 1);

        assertThat(memberships.of("acc-1")).containsExactly(first, changed);
        assertThat(memberships.of("acc-2")).containsExactly(other);
        assertThat(mongo.getCollection(MongoMemberships.COLLECTION).countDocuments()).isEqualTo(2);
    }

    @Test
    void the_stored_document_is_by_account_one_field_per_organisation_and_readable() {
        memberships.record("acc-1", "org-1", Optional.of(new Membership("org-1", "acc-1", Role.TEAM_LEAD,
                Set.of("t-b", "t-a"))), 4);
        memberships.record("acc-1", "org-2", Optional.empty(), 2);

        Document stored = mongo.getCollection(MongoMemberships.COLLECTION).find(new Document("_id", "acc-1")).first();

        assertThat(stored).isEqualTo(new Document("_id", "acc-1").append("organisations", new Document("org-1",
                new Document("role", "TEAM_LEAD").append("teams", List.of("t-a", "t-b")).append("version", 4L))
                .append("org-2", new Document("removed", true).append("version", 2L))));
    }

    @Test
    void a_document_of_the_earlier_shape_is_still_read_and_a_record_of_the_same_organisation_takes_over() {
        mongo.getCollection(MongoMemberships.COLLECTION).insertOne(new Document("_id", "acc-1").append("memberships",
                List.of(new Document("organisationId", "org-1").append("role", "ADMIN").append("teams", List.of()),
                        new Document("organisationId", "org-2").append("role", "ANALYST")
                                .append("teams", List.of()))));
        assertThat(memberships.of("acc-1")).containsExactly(new Membership("org-1", "acc-1", Role.ADMIN, Set.of()),
                new Membership("org-2", "acc-1", Role.ANALYST, Set.of()));

        memberships.record("acc-1", "org-1", Optional.empty(), 3);

        assertThat(memberships.of("acc-1")).containsExactly(new Membership("org-2", "acc-1", Role.ANALYST, Set.of()));
    }

    @Test
    void clearing_forgets_every_accounts_memberships() {
        memberships.record("acc-1", "org-1", Optional.of(new Membership("org-1", "acc-1", Role.ADMIN, Set.of())), 1);
        memberships.record("acc-2", "org-1", Optional.of(new Membership("org-1", "acc-2", Role.ANALYST, Set.of())), 2);

        memberships.clear();

        assertThat(memberships.of("acc-1")).isEmpty();
        assertThat(memberships.of("acc-2")).isEmpty();
        assertThat(mongo.getCollection(MongoMemberships.COLLECTION).countDocuments()).isZero();
    }
}
