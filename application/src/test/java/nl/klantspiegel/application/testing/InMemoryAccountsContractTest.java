package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.application.testing.contract.AccountsContract;

/** The in-memory Accounts keeps the port's contract, as the MongoDB adapter does. */
class InMemoryAccountsContractTest extends AccountsContract {

    @Override
    protected Accounts newAccounts() {
        return new InMemoryAccounts();
    }
}
