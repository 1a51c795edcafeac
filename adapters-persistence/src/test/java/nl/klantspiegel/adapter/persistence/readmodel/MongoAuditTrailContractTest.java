package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.testing.contract.AuditTrailContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB audit trail keeps the port's contract, through the real driver, as the in-memory fake does. */
class MongoAuditTrailContractTest extends AuditTrailContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("audit-contract");

    @Override
    protected AuditTrail newTrail() {
        return new MongoAuditTrail(new MongoTemplate(embedded.client(), embedded.freshDatabaseName()));
    }
}
