package nl.klantspiegel.boot;

import nl.klantspiegel.application.port.out.PasswordHashing;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashes with Spring Security's delegating encoder: bcrypt now (strength 10), with the algorithm named in
 * the hash ({@code {bcrypt}...}), so a later, stronger one can take over without invalidating old hashes.
 */
final class SpringPasswordHashing implements PasswordHashing {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Override
    public String hash(CharSequence password) {
        return encoder.encode(password);
    }

    @Override
    public boolean matches(CharSequence password, String hash) {
        return encoder.matches(password, hash);
    }
}
