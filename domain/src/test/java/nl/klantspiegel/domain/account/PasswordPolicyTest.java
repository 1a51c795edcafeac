package nl.klantspiegel.domain.account;

import nl.klantspiegel.domain.account.PasswordPolicy.WeakPassword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A password has 12 to 128 characters, counted as a person counts them (an emoji is one), and is not only white
 * space; nothing else is asked, so a long sentence is welcome.
 */
class PasswordPolicyTest {

    private static final String TOO_SHORT =
            "A password has at least 12 characters; a short sentence is easy to remember.";
    private static final String TOO_LONG = "A password has at most 128 characters.";
    /** One character, two UTF-16 units. */
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void twelve_characters_are_enough() {
        assertThatCode(() -> PasswordPolicy.check("abcdefghijkl")).doesNotThrowAnyException();
    }

    @Test
    void eleven_characters_are_too_few() {
        assertThatThrownBy(() -> PasswordPolicy.check("abcdefghijk"))
                .isInstanceOf(WeakPassword.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(TOO_SHORT);
    }

    @Test
    void an_emoji_counts_as_one_character() {
        assertThatThrownBy(() -> PasswordPolicy.check(EMOJI.repeat(11)))
                .isInstanceOf(WeakPassword.class).hasMessage(TOO_SHORT);
        assertThatCode(() -> PasswordPolicy.check(EMOJI.repeat(12))).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check(EMOJI.repeat(128))).doesNotThrowAnyException();
        assertThatThrownBy(() -> PasswordPolicy.check(EMOJI.repeat(129)))
                .isInstanceOf(WeakPassword.class).hasMessage(TOO_LONG);
    }

    @Test
    void a_sentence_of_128_characters_is_accepted() {
        assertThatCode(() -> PasswordPolicy.check("correct horse battery staple ".repeat(5).substring(0, 128)))
                .doesNotThrowAnyException();
    }

    @Test
    void a_password_of_129_characters_is_refused() {
        assertThatThrownBy(() -> PasswordPolicy.check("x".repeat(129)))
                .isInstanceOf(WeakPassword.class).hasMessage(TOO_LONG);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"            ", "\t\t\t\t\t\t\n\n\n\n\n\n"})
    void a_password_of_only_white_space_is_refused(String blank) {
        assertThatThrownBy(() -> PasswordPolicy.check(blank))
                .isInstanceOf(WeakPassword.class).hasMessage("A password cannot be only spaces.");
    }

    @Test
    void spaces_inside_a_password_are_fine() {
        assertThatCode(() -> PasswordPolicy.check("  my cat is 9  ")).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullSource
    @ValueSource(strings = {""})
    void no_password_is_too_short(String none) {
        assertThatThrownBy(() -> PasswordPolicy.check(none))
                .isInstanceOf(WeakPassword.class).hasMessage(TOO_SHORT);
    }
}
