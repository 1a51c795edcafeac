package nl.klantspiegel.application.port.out;

import java.util.Optional;

/**
 * The one-time setup link for the operator, while there is none: kept as the hash of its token only. There is at most
 * one; it is made only where there is none (nodes that start at the same moment make one between them).
 */
public interface OperatorSetup {

    Optional<String> tokenHash();

    /**
     * Keeps the link, unless there is one: one atomic step.
     *
     * @return false, changing nothing, when there is a link already
     */
    boolean create(String tokenHash);

    /**
     * Uses the link up, if it is still the one given: one atomic step, so that two requests with the same link at
     * the same moment cannot both set up an operator.
     *
     * @return false, changing nothing, when the link has been used or replaced
     */
    boolean consume(String tokenHash);

    void clear();
}
