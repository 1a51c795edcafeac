package nl.klantspiegel.adapter.persistence.accounts;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.ApiTokens;
import nl.klantspiegel.application.testing.contract.ApiTokensContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB API tokens keep the port's contract, through the real driver, as the in-memory fake does. */
class MongoApiTokensContractTest extends ApiTokensContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("tokens-contract");

    @Override
    protected ApiTokens newTokens() {
        return new MongoAccounts(new MongoTemplate(embedded.client(), embedded.freshDatabaseName()));
    }
}
