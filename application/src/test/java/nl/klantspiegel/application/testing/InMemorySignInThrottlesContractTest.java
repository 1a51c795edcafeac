package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.SignInThrottles;
import nl.klantspiegel.application.testing.contract.SignInThrottlesContract;

/** The in-memory SignInThrottles keeps the port's contract, as the MongoDB adapter does. */
class InMemorySignInThrottlesContractTest extends SignInThrottlesContract {

    @Override
    protected SignInThrottles newThrottles() {
        return new InMemorySignInThrottles();
    }
}
