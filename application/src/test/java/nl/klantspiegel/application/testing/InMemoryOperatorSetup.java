package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.OperatorSetup;

import java.util.Optional;

/** The operator's setup link, in memory. */
public final class InMemoryOperatorSetup implements OperatorSetup {

    private String tokenHash;

    @Override
    public Optional<String> tokenHash() {
        return Optional.ofNullable(tokenHash);
    }

    @Override
    public void save(String tokenHash) {
        this.tokenHash = tokenHash;
    }

    @Override
    public void clear() {
        tokenHash = null;
    }
}
