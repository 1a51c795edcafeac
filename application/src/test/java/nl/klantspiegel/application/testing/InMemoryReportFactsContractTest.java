package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.testing.contract.ReportFactsContract;

/** The in-memory ReportFacts keep the port's contract, as the MongoDB adapter does. */
class InMemoryReportFactsContractTest extends ReportFactsContract {

    @Override
    protected ReportFacts newFacts() {
        return new InMemoryReportFacts();
    }
}
