package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.PseudonymKey;

import java.nio.charset.StandardCharsets;

/** A fixed pseudonym key, as an installation has one. */
public final class InMemoryPseudonymKey implements PseudonymKey {

    @Override
    public byte[] key() {
        return "the test installation's pseudonym key".getBytes(StandardCharsets.UTF_8);
    }
}
