package nl.klantspiegel.adapter.persistence.shared;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.SignInThrottles;
import nl.klantspiegel.application.testing.contract.SignInThrottlesContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB sign-in throttles keep the port's contract, through the real driver, as the in-memory fake does. */
class MongoSignInThrottlesContractTest extends SignInThrottlesContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("sign-in-throttles-contract");

    @Override
    protected SignInThrottles newThrottles() {
        return new MongoSignInThrottles(new MongoTemplate(embedded.client(), embedded.freshDatabaseName()));
    }
}
