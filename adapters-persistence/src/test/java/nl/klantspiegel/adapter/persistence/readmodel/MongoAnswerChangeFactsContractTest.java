package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.testing.contract.AnswerChangeFactsContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB answer-change facts keep the port's contract, through the real driver, as the in-memory fake does. */
class MongoAnswerChangeFactsContractTest extends AnswerChangeFactsContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("answer-changes-contract");

    @Override
    protected AnswerChangeFacts newFacts() {
        return new MongoAnswerChangeFacts(new MongoTemplate(embedded.client(), embedded.freshDatabaseName()));
    }
}
