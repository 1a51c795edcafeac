package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.testing.contract.OrganisationViewsContract;

/** The in-memory OrganisationViews keep the port's contract, as the MongoDB adapter does. */
class InMemoryOrganisationViewsContractTest extends OrganisationViewsContract {

    @Override
    protected OrganisationViews newViews() {
        return new InMemoryOrganisationViews();
    }
}
