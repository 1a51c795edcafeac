package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.testing.contract.NodesContract;

/** The in-memory Nodes keep the port's contract, as the MongoDB adapter does. */
class InMemoryNodesContractTest extends NodesContract {

    @Override
    protected Store newStore() {
        InMemoryNodes store = new InMemoryNodes("store");
        return store::another;
    }
}
