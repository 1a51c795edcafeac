package nl.klantspiegel.application.port.in;

/** Activating an account with the link its owner was given. */
public interface ActivateAccountUseCase {

    /**
     * Opens an activation link: the person chooses their password.
     *
     * @throws NotFound for an unknown, used or expired link (one answer for all three)
     * @throws nl.klantspiegel.domain.account.PasswordPolicy.WeakPassword for a password too short
     */
    void activate(String activationToken, String password);
}
