package nl.klantspiegel.application.port.in;

/**
 * Other requests changed the same thing (an assessment, an organisation, its releases) at the same moment, several
 * times over, so this change was not stored. Sending it again is safe.
 */
public final class ConcurrentChange extends RuntimeException {

    /** @param what what was changed, e.g. "Assessment 5c4b…" */
    public ConcurrentChange(String what, Throwable cause) {
        super(what + " was changed by other requests at the same moment, several times over; nothing of this "
                + "request was stored. Send it again.", cause);
    }
}
