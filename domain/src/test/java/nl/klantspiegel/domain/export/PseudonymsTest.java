package nl.klantspiegel.domain.export;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymsTest {

    private static final byte[] KEY = "an installation's secret of 32+ bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void the_hmac_is_hmac_sha_256_as_the_jdk_computes_it_for_short_and_long_keys() throws Exception {
        byte[] longKey = new byte[131];
        Arrays.fill(longKey, (byte) 0xaa);
        for (byte[] key : new byte[][] {KEY, longKey}) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] message = "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.UTF_8);
            assertThat(new Pseudonyms(key).hmac(message)).isEqualTo(mac.doFinal(message));
        }
        // RFC 4231, test case 6: a 131-byte key of 0xaa
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        assertThat(HexFormat.of().formatHex(new Pseudonyms(key).hmac(
                "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void a_pseudonym_is_stable_per_organisation_and_differs_between_them_and_from_the_id() {
        Pseudonyms pseudonyms = new Pseudonyms(KEY);
        String id = "0d4ab95a-357d-4fa4-a2cf-275c627d47cc";
        String once = pseudonyms.of("acme", id);
        assertThat(once).matches("p-[0-9a-f]{32}").isEqualTo(new Pseudonyms(KEY.clone()).of("acme", id));
        assertThat(pseudonyms.of("other", id)).isNotEqualTo(once);
        assertThat(pseudonyms.of("acme", "0d4ab95a-357d-4fa4-a2cf-275c627d47cd")).isNotEqualTo(once);
        assertThat(new Pseudonyms("another installation's secret, 32+ bytes".getBytes(StandardCharsets.UTF_8))
                .of("acme", id)).isNotEqualTo(once);
        assertThat(once).doesNotContain(id.substring(0, 8));
    }

    @Test
    void a_key_is_at_least_32_bytes_and_kept_as_a_copy() {
        assertThatThrownBy(() -> new Pseudonyms(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pseudonyms(null)).isInstanceOf(NullPointerException.class);
        byte[] key = KEY.clone();
        Pseudonyms pseudonyms = new Pseudonyms(key);
        String before = pseudonyms.of("acme", "x");
        Arrays.fill(key, (byte) 0);
        assertThat(pseudonyms.of("acme", "x")).isEqualTo(before);
        assertThatThrownBy(() -> pseudonyms.of(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> pseudonyms.of("acme", null)).isInstanceOf(NullPointerException.class);
    }
}
