package nl.klantspiegel.application.port.in;

/** The operator's account: made at start, or through a one-time setup link. */
public interface OperatorUseCase {

    /**
     * At start: creates the operator from the configuration when there is none yet; with no operator and none
     * configured, makes the one-time setup link, unless one exists already. Nodes that start at the same moment
     * make one operator, or one link, between them.
     *
     * @return what was found or made; the setup link's token, to be shown in the log, when this start made it
     */
    OperatorPreparation prepareOperator(String configuredEmail, String configuredPassword);

    /**
     * Opens the one-time setup link: creates the operator.
     *
     * @throws NotFound when there is no such link (used, or there is an operator already)
     */
    Caller setUpOperator(String setupToken, String email, String password);
}
