package nl.klantspiegel.domain.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An e-mail address is read trimmed and in lower case, and only when it is plausibly one: something, an at sign, and
 * a domain with at least one dot, without white space or control characters, at most 254 characters long.
 */
class EmailAddressTest {

    @Test
    void an_address_is_trimmed_and_lower_cased() {
        assertThat(EmailAddress.parse("  Jan.de.Vries@Example.NL \n"))
                .contains(new EmailAddress("jan.de.vries@example.nl"));
    }

    @Test
    void an_address_made_directly_is_trimmed_and_lower_cased_too() {
        assertThat(new EmailAddress(" A@B.NL ")).isEqualTo(EmailAddress.parse("a@b.nl").get());
        assertThat(new EmailAddress("\tAnna@Example.NL\n").value()).isEqualTo("anna@example.nl");
        assertThat(new EmailAddress("ANNA@EXAMPLE.NL")).isEqualTo(new EmailAddress("anna@example.nl"));
    }

    @Test
    void an_address_made_directly_needs_a_value() {
        assertThatThrownBy(() -> new EmailAddress(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
    }

    @Test
    void an_address_shows_as_its_value() {
        assertThat(EmailAddress.parse("Anna@Example.nl")).get().hasToString("anna@example.nl");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a@b.c",
            "anna@example.nl",
            "anna+klantspiegel@example.nl",
            "first.last@mail.example.co.uk",
            "o'brien@example.ie",
            "anna@xn--bcher-kva.de",
            "anna@bücher.de"})
    void plausible_addresses_are_accepted(String address) {
        assertThat(EmailAddress.parse(address)).contains(new EmailAddress(address));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullSource
    @ValueSource(strings = {
            "",
            "   ",
            "anna",
            "anna@",
            "@example.nl",
            "anna@example",
            "anna@@example.nl",
            "anna@ex@ample.nl",
            "anna@.example.nl",
            "anna@example.nl.",
            "anna@example..nl",
            "an na@example.nl",
            "anna@exa mple.nl",
            "anna@example.nl\tcc",
            "anna\u0000@example.nl",
            "anna@exam\u0007ple.nl",
            "anna@example.n\u007Fl"})
    void what_cannot_be_an_address_is_refused(String text) {
        assertThat(EmailAddress.parse(text)).isEmpty();
    }

    @Test
    void an_address_of_254_characters_is_accepted() {
        String address = "a".repeat(64) + "@" + "b".repeat(186) + ".nl";
        assertThat(address).hasSize(254);

        assertThat(EmailAddress.parse(address)).contains(new EmailAddress(address));
    }

    @Test
    void an_address_of_255_characters_is_refused() {
        String address = "a".repeat(65) + "@" + "b".repeat(186) + ".nl";
        assertThat(address).hasSize(255);

        assertThat(EmailAddress.parse(address)).isEmpty();
    }

    @Test
    void surrounding_white_space_does_not_count_towards_the_length() {
        String address = "a".repeat(64) + "@" + "b".repeat(186) + ".nl";

        assertThat(EmailAddress.parse("   " + address + "   ")).contains(new EmailAddress(address));
    }

    @Test
    void the_same_address_in_other_letters_case_is_the_same_address() {
        assertThat(EmailAddress.parse("ANNA@EXAMPLE.NL")).isEqualTo(EmailAddress.parse("anna@example.nl"));
    }
}
