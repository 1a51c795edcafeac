package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.testing.contract.MembershipsContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB memberships keep the port's contract, through the real driver, as the in-memory fake does. */
class MongoMembershipsContractTest extends MembershipsContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("memberships-contract");

    @Override
    protected Memberships newMemberships() {
        return new MongoMemberships(new MongoTemplate(embedded.client(), embedded.freshDatabaseName()));
    }
}
