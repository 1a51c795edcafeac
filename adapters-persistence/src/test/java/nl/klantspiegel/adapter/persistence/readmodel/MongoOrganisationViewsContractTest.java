package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.testing.contract.OrganisationViewsContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB organisation views keep the port's contract, through the real driver, as the in-memory fake does. */
class MongoOrganisationViewsContractTest extends OrganisationViewsContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("organisations-contract");

    @Override
    protected OrganisationViews newViews() {
        return new MongoOrganisationViews(new MongoTemplate(embedded.client(), embedded.freshDatabaseName()));
    }
}
