package nl.klantspiegel.application.port.in;

/** The caller is known to the organisation, but their role does not allow this. */
public final class AccessDenied extends RuntimeException {

    public AccessDenied(String message) {
        super(message);
    }
}
