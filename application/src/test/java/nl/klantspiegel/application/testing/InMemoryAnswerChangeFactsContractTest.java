package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.testing.contract.AnswerChangeFactsContract;

/** The in-memory AnswerChangeFacts keep the port's contract, as the MongoDB adapter does. */
class InMemoryAnswerChangeFactsContractTest extends AnswerChangeFactsContract {

    @Override
    protected AnswerChangeFacts newFacts() {
        return new InMemoryAnswerChangeFacts();
    }
}
