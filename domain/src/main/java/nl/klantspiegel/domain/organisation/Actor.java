package nl.klantspiegel.domain.organisation;

import java.util.Objects;

/**
 * Who did something: the installation's operator or a member of an organisation, by id only (never by name or
 * e-mail address: those live in the accounts store and can be erased without touching the events); or the product
 * itself, keeping a round's schedule.
 */
public record Actor(Kind kind, String id) {

    public enum Kind {OPERATOR, MEMBER, SYSTEM}

    /** The id of the product as an actor. */
    public static final String SYSTEM_ID = "klantspiegel";

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

    /** The product itself: it opens and closes rounds at the moments their admins set. */
    public static Actor system() {
        return new Actor(Kind.SYSTEM, SYSTEM_ID);
    }

    public boolean isOperator() {
        return kind == Kind.OPERATOR;
    }
}
