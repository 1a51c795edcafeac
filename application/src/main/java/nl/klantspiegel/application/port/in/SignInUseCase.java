package nl.klantspiegel.application.port.in;

/** Signing in with e-mail address and password. */
public interface SignInUseCase {

    /**
     * Checks an e-mail address and password (in the browser's sign-in and for API tokens alike), throttled per
     * account and per client address.
     *
     * @throws SignInRefused whatever the reason
     */
    Caller signIn(String email, String password, String clientAddress);
}
