package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.organisation.Actor;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * Who is asking: a signed-in account (by id), possibly the installation's operator. Serializable: a browser's session,
 * kept in the database that every node shares, holds it.
 */
public record Caller(String accountId, boolean operator) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public Caller {
        Objects.requireNonNull(accountId, "accountId");
    }

    /** As the events record who did something. */
    public Actor actor() {
        return operator ? Actor.operator(accountId) : Actor.member(accountId);
    }
}
