package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.Invitations.Invitation;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Which round an invitation token opens, through the real MongoDB driver against the embedded server. */
class MongoInvitationsTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("invitations");

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
    MongoInvitations invitations = new MongoInvitations(mongo);

    @Test
    void an_invitation_is_found_by_its_token() {
        Invitation first = new Invitation("token-1", "org-1", "round-1");
        Invitation second = new Invitation("token-2", "org-1", "round-2");

        invitations.save(first);
        invitations.save(second);

        assertThat(invitations.find("token-1")).contains(first);
        assertThat(invitations.find("token-2")).contains(second);
        assertThat(invitations.find("token-3")).isEmpty();
    }

    @Test
    void the_token_is_the_documents_id() {
        invitations.save(new Invitation("token-1", "org-1", "round-1"));

        Document stored = mongo.getCollection(MongoInvitations.COLLECTION).find().first();

        assertThat(stored).isEqualTo(new Document("_id", "token-1").append("organisationId", "org-1")
                .append("roundId", "round-1"));
    }

    @Test
    void saving_a_token_again_replaces_its_invitation() {
        invitations.save(new Invitation("token-1", "org-1", "round-1"));

        invitations.save(new Invitation("token-1", "org-1", "round-2"));

        assertThat(invitations.find("token-1")).contains(new Invitation("token-1", "org-1", "round-2"));
        assertThat(mongo.getCollection(MongoInvitations.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void clearing_forgets_every_invitation() {
        invitations.save(new Invitation("token-1", "org-1", "round-1"));
        invitations.save(new Invitation("token-2", "org-2", "round-1"));

        invitations.clear();

        assertThat(invitations.find("token-1")).isEmpty();
        assertThat(invitations.find("token-2")).isEmpty();
        assertThat(mongo.getCollection(MongoInvitations.COLLECTION).countDocuments()).isZero();
    }
}
