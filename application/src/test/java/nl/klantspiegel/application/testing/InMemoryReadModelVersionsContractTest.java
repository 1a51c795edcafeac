package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.ReadModelVersions;
import nl.klantspiegel.application.testing.contract.ReadModelVersionsContract;

/** The in-memory ReadModelVersions keeps the port's contract, as the MongoDB adapter does. */
class InMemoryReadModelVersionsContractTest extends ReadModelVersionsContract {

    @Override
    protected ReadModelVersions newVersions() {
        return new InMemoryReadModelVersions();
    }
}
