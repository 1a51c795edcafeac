package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.testing.contract.NodesContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB nodes keep the port's contract, through the real driver, as the in-memory fake does. */
class MongoNodesContractTest extends NodesContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("nodes-contract");

    @Override
    protected Store newStore() {
        MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
        return name -> new MongoNodes(mongo, name);
    }
}
