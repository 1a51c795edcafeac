package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.RebuildClaims;
import nl.klantspiegel.application.testing.contract.RebuildClaimsContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB rebuild claims keep the port's contract, through the real driver, as the in-memory fake does. */
class MongoRebuildClaimsContractTest extends RebuildClaimsContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("rebuild-claims-contract");

    @Override
    protected RebuildClaims newClaims() {
        return new MongoRebuildClaims(new MongoTemplate(embedded.client(), embedded.freshDatabaseName()));
    }
}
