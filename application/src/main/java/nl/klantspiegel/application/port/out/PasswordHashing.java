package nl.klantspiegel.application.port.out;

/** Turns passwords into hashes that cannot be turned back, and checks a password against one. */
public interface PasswordHashing {

    String hash(CharSequence password);

    boolean matches(CharSequence password, String hash);
}
