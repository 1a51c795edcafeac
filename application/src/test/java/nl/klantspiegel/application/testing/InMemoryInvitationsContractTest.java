package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.testing.contract.InvitationsContract;

/** The in-memory Invitations keeps the port's contract, as the MongoDB adapter does. */
class InMemoryInvitationsContractTest extends InvitationsContract {

    @Override
    protected Invitations newInvitations() {
        return new InMemoryInvitations();
    }
}
