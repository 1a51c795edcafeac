package nl.klantspiegel.domain.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Test {

    @Test
    void the_hash_of_a_text_is_that_of_its_utf8_bytes_in_lower_case_hex() {
        // FIPS 180-2's example and the empty text
        assertThat(Sha256.hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex(""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("één")).isEqualTo(Sha256.hex("één".getBytes(StandardCharsets.UTF_8)))
                .hasSize(64).matches("[0-9a-f]+");
    }
}
