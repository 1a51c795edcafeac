package nl.klantspiegel.application.port.out;

import java.util.Optional;

/** Which round an invitation token opens: found by the token. */
public interface Invitations {

    Optional<Invitation> find(String token);

    void save(Invitation invitation);

    void clear();

    record Invitation(String token, String organisationId, String roundId) {
    }
}
