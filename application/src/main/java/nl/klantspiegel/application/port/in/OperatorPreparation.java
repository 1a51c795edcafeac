package nl.klantspiegel.application.port.in;

import java.util.Optional;

/**
 * What a start found for the installation's operator.
 *
 * @param setupToken the one-time setup link's token, when this start made the link (to be shown once, in its log)
 */
public record OperatorPreparation(Status status, Optional<String> setupToken) {

    public enum Status {
        /** There is an operator, made before (or just now by another node starting with the same configuration). */
        OPERATOR_EXISTS,
        /** There was none, and this start made the configured one. */
        OPERATOR_CREATED,
        /** There is none yet, and this start made the one setup link. */
        SETUP_LINK_MADE,
        /** There is none yet, and a setup link exists already (made by another node, or by an earlier start). */
        SETUP_LINK_EXISTS
    }
}
