package nl.klantspiegel.application.port.out;

import java.util.Optional;

/** The one-time setup link for the operator, while there is none: kept as the hash of its token only. */
public interface OperatorSetup {

    Optional<String> tokenHash();

    void save(String tokenHash);

    void clear();
}
