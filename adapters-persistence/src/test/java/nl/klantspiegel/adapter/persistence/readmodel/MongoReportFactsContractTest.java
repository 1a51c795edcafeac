package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.testing.contract.ReportFactsContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB report facts keep the port's contract, through the real driver, as the in-memory fake does. */
class MongoReportFactsContractTest extends ReportFactsContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("reports-contract");

    @Override
    protected ReportFacts newFacts() {
        return new MongoReportFacts(new MongoTemplate(embedded.client(), embedded.freshDatabaseName()));
    }
}
