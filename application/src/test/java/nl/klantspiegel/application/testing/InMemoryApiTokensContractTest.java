package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.ApiTokens;
import nl.klantspiegel.application.testing.contract.ApiTokensContract;

/** The in-memory API tokens keep the port's contract, as the MongoDB adapter does. */
class InMemoryApiTokensContractTest extends ApiTokensContract {

    @Override
    protected ApiTokens newTokens() {
        return new InMemoryApiTokens();
    }
}
