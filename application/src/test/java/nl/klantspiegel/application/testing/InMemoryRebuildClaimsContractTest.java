package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.RebuildClaims;
import nl.klantspiegel.application.testing.contract.RebuildClaimsContract;

/** The in-memory RebuildClaims keeps the port's contract, as the MongoDB adapter does. */
class InMemoryRebuildClaimsContractTest extends RebuildClaimsContract {

    @Override
    protected RebuildClaims newClaims() {
        return new InMemoryRebuildClaims();
    }
}
