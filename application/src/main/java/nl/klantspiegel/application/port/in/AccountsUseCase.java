package nl.klantspiegel.application.port.in;

/** Accounts: signing in, activating, the operator. */
public interface AccountsUseCase {

    /**
     * Checks an e-mail address and password (in the browser's sign-in and for API tokens alike), throttled per
     * account and per client address.
     *
     * @throws SignInRefused whatever the reason
     */
    Caller signIn(String email, String password, String clientAddress);

    /**
     * Opens an activation link: the person chooses their password.
     *
     * @throws NotFound for an unknown, used or expired link (one answer for all three)
     * @throws nl.klantspiegel.domain.account.PasswordPolicy.WeakPassword for a password too short
     */
    void activate(String activationToken, String password);

    /** The caller's own account. */
    AccountSummary me(Caller caller);

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
