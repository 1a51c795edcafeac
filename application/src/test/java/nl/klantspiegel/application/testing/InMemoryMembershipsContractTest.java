package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.testing.contract.MembershipsContract;

/** The in-memory Memberships keeps the port's contract, as the MongoDB adapter does. */
class InMemoryMembershipsContractTest extends MembershipsContract {

    @Override
    protected Memberships newMemberships() {
        return new InMemoryMemberships();
    }
}
