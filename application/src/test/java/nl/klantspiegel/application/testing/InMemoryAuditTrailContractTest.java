package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.testing.contract.AuditTrailContract;

/** The in-memory audit trail keeps the port's contract, as the MongoDB adapter does. */
class InMemoryAuditTrailContractTest extends AuditTrailContract {

    @Override
    protected AuditTrail newTrail() {
        return new InMemoryAuditTrail();
    }
}
