package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.organisation.Actor;

import java.util.Objects;

/** Who is asking: a signed-in account (by id), possibly the installation's operator. */
public record Caller(String accountId, boolean operator) {

    public Caller {
        Objects.requireNonNull(accountId, "accountId");
    }

    /** As the events record who did something. */
    public Actor actor() {
        return operator ? Actor.operator(accountId) : Actor.member(accountId);
    }
}
