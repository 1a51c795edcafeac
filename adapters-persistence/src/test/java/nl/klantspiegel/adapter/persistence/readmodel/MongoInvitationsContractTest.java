package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.testing.contract.InvitationsContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB invitations keep the port's contract, through the real driver, as the in-memory fake does. */
class MongoInvitationsContractTest extends InvitationsContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("invitations-contract");

    @Override
    protected Invitations newInvitations() {
        return new MongoInvitations(new MongoTemplate(embedded.client(), embedded.freshDatabaseName()));
    }
}
