package nl.klantspiegel.application.port.in;

/** A request the product cannot take as it is: an e-mail address that is none, a validity out of range. */
public final class InvalidRequest extends IllegalArgumentException {

    public InvalidRequest(String message) {
        super(message);
    }
}
