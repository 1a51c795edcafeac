package nl.klantspiegel.domain.assessment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An assessment id read from a URL is accepted only as a random (version 4) UUID in its canonical,
 * lower-case form; anything else is no id at all. New ids are such UUIDs.
 */
class AssessmentIdTest {

    private static final String V4 = "0b6c2f1e-8d3a-4c57-9e21-6f0a8b7c5d43";

    @Test
    void a_canonical_random_uuid_is_an_id() {
        assertThat(AssessmentId.parse(V4)).contains(new AssessmentId(V4));
    }

    @Test
    void nothing_is_no_id() {
        assertThat(AssessmentId.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "0b6c2f1e-8d3a-4c57-9e21-6f0a8b7c5d4",   // one character short
            "0b6c2f1e-8d3a-4c57-9e21-6f0a8b7c5d430", // one character long
            "b6c2f1e-8d3a-4c57-9e21-6f0a8b7c5d43",   // a leading zero left out: still a UUID, but not canonical
    })
    void text_of_another_length_is_no_id(String text) {
        assertThat(AssessmentId.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0b6c2f1e-8d3a-4c57-9e21-6f0a8b7c5d4g",  // g is no hexadecimal digit
            "0b6c2f1e08d3a04c5709e2106f0a8b7c5d43",  // no dashes
            "not-an-assessment-id-at-all-really!!",
    })
    void text_that_is_not_a_uuid_is_no_id(String text) {
        assertThat(text).hasSize(36);
        assertThat(AssessmentId.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "c232ab00-9414-11ec-b3c8-9f6bdeced846",  // version 1: time and MAC address, guessable
            "00000000-0000-0000-0000-000000000000",  // the nil UUID
            "5df41881-3aed-3515-88a7-2f4a814cf09e",  // version 3: a name hashed, guessable
    })
    void a_uuid_of_another_version_is_no_id(String text) {
        assertThat(UUID.fromString(text).version()).isNotEqualTo(4);
        assertThat(AssessmentId.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0b6c2f1e-8d3a-4c57-0e21-6f0a8b7c5d43",  // variant 0 (NCS), never made by UUID.randomUUID()
            "0b6c2f1e-8d3a-4c57-ce21-6f0a8b7c5d43",  // variant 6 (Microsoft)
            "0b6c2f1e-8d3a-4c57-ee21-6f0a8b7c5d43",  // variant 7 (reserved)
    })
    void a_version_4_uuid_of_another_variant_is_no_id(String text) {
        assertThat(UUID.fromString(text).version()).isEqualTo(4);
        assertThat(UUID.fromString(text).variant()).isNotEqualTo(2);
        assertThat(AssessmentId.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0B6C2F1E-8D3A-4C57-9E21-6F0A8B7C5D43",  // upper case
            "0b6c2f1e-8d3a-4c57-9E21-6f0a8b7c5d43",  // partly upper case
            "+b6c2f1e-8d3a-4c57-9e21-6f0a8b7c5d43",  // a sign the UUID parser tolerates
    })
    void a_version_4_uuid_in_another_form_than_the_canonical_one_is_no_id(String text) {
        assertThat(UUID.fromString(text).version()).isEqualTo(4);
        assertThat(AssessmentId.parse(text)).isEmpty();
    }

    @Test
    void a_new_id_is_a_fresh_canonical_random_uuid() {
        AssessmentId first = AssessmentId.newId();
        AssessmentId second = AssessmentId.newId();

        assertThat(AssessmentId.parse(first.value())).contains(first);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void an_id_prints_as_its_bare_value() {
        // messages and URLs are built as "Assessment " + id
        assertThat(new AssessmentId(V4)).hasToString(V4);
    }
}
