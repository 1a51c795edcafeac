package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.SharedTokens;
import nl.klantspiegel.application.testing.contract.SharedTokensContract;
import org.axonframework.eventhandling.tokenstore.TokenStore;

import java.time.Duration;
import java.util.Arrays;

/** The in-memory SharedTokens keeps the port's contract, as the MongoDB adapter does. */
class InMemorySharedTokensContractTest extends SharedTokensContract {

    @Override
    protected Store newStore() {
        InMemorySharedTokens tokens = new InMemorySharedTokens(Duration.ofSeconds(10));
        return new Store() {
            @Override
            public SharedTokens shared() {
                return tokens;
            }

            @Override
            public TokenStore node(String name) {
                return tokens.store(name);
            }

            @Override
            public void storeEventsAt(long... positions) {
                tokens.written(Arrays.stream(positions).boxed().toArray(Long[]::new));
            }
        };
    }
}
