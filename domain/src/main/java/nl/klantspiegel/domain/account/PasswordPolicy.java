package nl.klantspiegel.domain.account;

/** What a password must be: long enough to resist guessing; a long sentence is welcome. */
public final class PasswordPolicy {

    public static final int MINIMUM_LENGTH = 12;
    public static final int MAXIMUM_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** @throws WeakPassword when the password may not be used */
    public static void check(String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MINIMUM_LENGTH) {
            throw new WeakPassword("A password has at least " + MINIMUM_LENGTH + " characters; a short sentence "
                    + "is easy to remember.");
        }
        if (length > MAXIMUM_LENGTH) {
            throw new WeakPassword("A password has at most " + MAXIMUM_LENGTH + " characters.");
        }
        if (password.isBlank()) {
            throw new WeakPassword("A password cannot be only spaces.");
        }
    }

    /** A password the policy does not accept. */
    public static final class WeakPassword extends IllegalArgumentException {
        WeakPassword(String message) {
            super(message);
        }
    }
}
