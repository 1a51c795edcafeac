package nl.klantspiegel.adapter.persistence.accounts;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.application.testing.contract.AccountsContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB accounts keep the port's contract, through the real driver, as the in-memory fake does. */
class MongoAccountsContractTest extends AccountsContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("accounts-contract");

    @Override
    protected Accounts newAccounts() {
        return new MongoAccounts(new MongoTemplate(embedded.client(), embedded.freshDatabaseName()));
    }
}
