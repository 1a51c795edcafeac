package nl.klantspiegel.adapter.persistence.accounts;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.OperatorSetup;
import nl.klantspiegel.application.testing.contract.OperatorSetupContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB operator setup keeps the port's contract, through the real driver, as the in-memory fake does. */
class MongoOperatorSetupContractTest extends OperatorSetupContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("operator-setup-contract");

    @Override
    protected OperatorSetup newSetup() {
        return new MongoAccounts(new MongoTemplate(embedded.client(), embedded.freshDatabaseName()));
    }
}
