package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.PasswordHashing;

import java.util.ArrayList;
import java.util.List;

/** "hash:" + the password; remembers which hashes passwords were checked against. */
public final class FakePasswordHashing implements PasswordHashing {

    private final List<String> checkedAgainst = new ArrayList<>();
    private int hashed;

    @Override
    public String hash(CharSequence password) {
        hashed++;
        return "hash:" + password;
    }

    @Override
    public boolean matches(CharSequence password, String hash) {
        if (password == null || hash == null) {
            throw new IllegalArgumentException("nothing to compare: " + password + ", " + hash);
        }
        checkedAgainst.add(hash);
        return hash.equals("hash:" + password);
    }

    /** The hashes passwords were checked against, in order. */
    public List<String> checkedAgainst() {
        return checkedAgainst;
    }

    /** How many passwords were hashed. */
    public int hashed() {
        return hashed;
    }
}
