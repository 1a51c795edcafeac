package nl.klantspiegel.application.port.out;

import java.util.Optional;

/** The one-time setup link for the operator, while there is none: kept as the hash of its token only. */
public interface OperatorSetup {

    Optional<String> tokenHash();

    void save(String tokenHash);

    /**
     * Uses the link up, if it is still the one given: one atomic step, so that two requests with the same link at
     * the same moment cannot both set up an operator.
     *
     * @return false, changing nothing, when the link has been used or replaced
     */
    boolean consume(String tokenHash);

    void clear();
}
