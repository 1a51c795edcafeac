package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import nl.klantspiegel.application.testing.contract.ReadModelVersionsContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB read models' versions keep the port's contract, through the real driver, as the in-memory fake does. */
class MongoReadModelVersionsContractTest extends ReadModelVersionsContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("read-model-versions-contract");

    @Override
    protected ReadModelVersions newVersions() {
        return new MongoReadModelVersions(new MongoTemplate(embedded.client(), embedded.freshDatabaseName()));
    }
}
