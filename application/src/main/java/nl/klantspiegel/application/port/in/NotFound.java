package nl.klantspiegel.application.port.in;

/**
 * What was asked for does not exist, or the caller may not know that it does (another organisation's resource, a
 * team a team lead does not lead): the same answer either way.
 */
public final class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " was not found.");
    }
}
