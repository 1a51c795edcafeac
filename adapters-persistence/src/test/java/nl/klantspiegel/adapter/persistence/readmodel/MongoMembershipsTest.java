package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.Role;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each account's memberships, through the real MongoDB driver against the embedded server. */
class MongoMembershipsTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("memberships");

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
    MongoMemberships memberships = new MongoMemberships(mongo);

    @Test
    void an_accounts_memberships_are_read_back_in_order() {
        List<Membership> list = List.of(
                new Membership("org-2", "acc-1", Role.TEAM_LEAD, Set.of("t-b", "t-a")),
                new Membership("org-1", "acc-1", Role.ADMIN, Set.of()),
                new Membership("org-3", "acc-1", Role.ANALYST, Set.of()));

        memberships.save("acc-1", list);

        assertThat(memberships.of("acc-1")).containsExactlyElementsOf(list);
    }

    @Test
    void an_account_without_memberships_has_none() {
        memberships.save("acc-1", List.of(new Membership("org-1", "acc-1", Role.ADMIN, Set.of())));

        assertThat(memberships.of("acc-2")).isEmpty();
    }

    @Test
    void saving_replaces_the_accounts_memberships_and_leaves_other_accounts_alone() {
        Membership other = new Membership("org-1", "acc-2", Role.ANALYST, Set.of());
        memberships.save("acc-2", List.of(other));
        memberships.save("acc-1", List.of(
                new Membership("org-1", "acc-1", Role.ADMIN, Set.of()),
                new Membership("org-2", "acc-1", Role.ANALYST, Set.of())));

        Membership changed = new Membership("org-2", "acc-1", Role.TEAM_LEAD, Set.of("t-1"));
        memberships.save("acc-1", List.of(changed));

        assertThat(memberships.of("acc-1")).containsExactly(changed);
        assertThat(memberships.of("acc-2")).containsExactly(other);
        assertThat(mongo.getCollection(MongoMemberships.COLLECTION).countDocuments()).isEqualTo(2);

        memberships.save("acc-1", List.of());
        assertThat(memberships.of("acc-1")).isEmpty();
    }

    @Test
    void the_stored_document_is_by_account_and_readable() {
        memberships.save("acc-1", List.of(new Membership("org-1", "acc-1", Role.TEAM_LEAD, Set.of("t-b", "t-a"))));

        Document stored = mongo.getCollection(MongoMemberships.COLLECTION).find(new Document("_id", "acc-1")).first();

        assertThat(stored).isEqualTo(new Document("_id", "acc-1").append("memberships", List.of(
                new Document("organisationId", "org-1").append("role", "TEAM_LEAD")
                        .append("teams", List.of("t-a", "t-b")))));
    }

    @Test
    void clearing_forgets_every_accounts_memberships() {
        memberships.save("acc-1", List.of(new Membership("org-1", "acc-1", Role.ADMIN, Set.of())));
        memberships.save("acc-2", List.of(new Membership("org-1", "acc-2", Role.ANALYST, Set.of())));

        memberships.clear();

        assertThat(memberships.of("acc-1")).isEmpty();
        assertThat(memberships.of("acc-2")).isEmpty();
        assertThat(mongo.getCollection(MongoMemberships.COLLECTION).countDocuments()).isZero();
    }
}
