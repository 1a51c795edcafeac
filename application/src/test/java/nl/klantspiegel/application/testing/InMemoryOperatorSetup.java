package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.OperatorSetup;

import java.util.Optional;

/** The operator's setup link, in memory. */
public final class InMemoryOperatorSetup implements OperatorSetup {

    private String tokenHash;
    private Runnable beforeConsume;

    @Override
    public Optional<String> tokenHash() {
        return Optional.ofNullable(tokenHash);
    }

    @Override
    public boolean create(String tokenHash) {
        if (this.tokenHash != null) {
            return false;
        }
        this.tokenHash = tokenHash;
        return true;
    }

    @Override
    public boolean consume(String tokenHash) {
        Runnable interference = beforeConsume;
        beforeConsume = null;
        if (interference != null) {
            interference.run();
        }
        if (tokenHash == null || !tokenHash.equals(this.tokenHash)) {
            return false;
        }
        this.tokenHash = null;
        return true;
    }

    /** Runs {@code interference} just before the next {@link #consume}: another request a moment earlier. */
    public void beforeNextConsume(Runnable interference) {
        beforeConsume = interference;
    }

    @Override
    public void clear() {
        tokenHash = null;
    }
}
