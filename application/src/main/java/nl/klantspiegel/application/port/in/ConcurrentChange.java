package nl.klantspiegel.application.port.in;

/**
 * Another request changed the same assessment at the same moment, several times over, so this change was not
 * stored. Sending it again is safe.
 */
public final class ConcurrentChange extends RuntimeException {

    public ConcurrentChange(String assessmentId, Throwable cause) {
        super("Assessment " + assessmentId + " was changed by another request at the same moment; nothing of "
                + "this request was stored. Send it again.", cause);
    }
}
