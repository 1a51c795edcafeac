package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.OperatorSetup;
import nl.klantspiegel.application.testing.contract.OperatorSetupContract;

/** The in-memory OperatorSetup keeps the port's contract, as the MongoDB adapter does. */
class InMemoryOperatorSetupContractTest extends OperatorSetupContract {

    @Override
    protected OperatorSetup newSetup() {
        return new InMemoryOperatorSetup();
    }
}
