package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.out.Invitations;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Optional;

/** Which round an invitation token opens: {@code invitations}, one document per token, by the token. */
final class MongoInvitations implements Invitations {

    static final String COLLECTION = "invitations";

    private final Documents invitations;

    MongoInvitations(MongoTemplate mongo) {
        this(mongo, 0);
    }

    MongoInvitations(MongoTemplate mongo, int version) {
        this.invitations = new Documents(mongo, Documents.versioned(COLLECTION, version));
    }

    @Override
    public Optional<Invitation> find(String token) {
        return invitations.find(token).map(document -> new Invitation(document.getString("_id"),
                document.getString("organisationId"), document.getString("roundId")));
    }

    @Override
    public void save(Invitation invitation) {
        invitations.save(new Document("_id", invitation.token())
                .append("organisationId", invitation.organisationId())
                .append("roundId", invitation.roundId()));
    }

    @Override
    public void clear() {
        invitations.clear();
    }
}
