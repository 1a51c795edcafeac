package nl.klantspiegel.domain.organisation;

import java.util.Objects;

/**
 * Who did something: the installation's operator or a member of an organisation, by id only (never by name or
 * e-mail address: those live in the accounts store and can be erased without touching the events).
 */
public record Actor(Kind kind, String id) {

    public enum Kind {OPERATOR, MEMBER}

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an actor needs an id");
        }
    }

    public static Actor operator(String id) {
        return new Actor(Kind.OPERATOR, id);
    }

    public static Actor member(String id) {
        return new Actor(Kind.MEMBER, id);
    }

    public boolean isOperator() {
        return kind == Kind.OPERATOR;
    }
}
