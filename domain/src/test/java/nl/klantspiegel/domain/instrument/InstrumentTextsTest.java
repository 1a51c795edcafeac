package nl.klantspiegel.domain.instrument;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class InstrumentTextsTest {

    @ParameterizedTest
    @EnumSource(Language.class)
    void every_text_of_version_1_exists_in_every_language(Language language) {
        InstrumentTexts texts = Instruments.version(1).texts(language);

        assertThat(texts.language()).isEqualTo(language);
        assertThat(texts.title()).isNotBlank();
        assertThat(texts.situation()).isNotBlank();
        assertThat(texts.instruction()).isNotBlank();
        for (int question = 1; question <= 6; question++) {
            assertThat(texts.question(question)).isNotBlank();
            for (Option option : Option.values()) {
                assertThat(texts.option(question, option)).isNotBlank();
                assertThat(texts.advice(question, option)).isNotBlank();
            }
        }
        for (Band band : Band.values()) {
            assertThat(texts.bandTitle(band)).isNotBlank();
            assertThat(texts.diagnosis(band)).isNotBlank();
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void texts_never_reveal_points_to_respondents(Language language) {
        InstrumentTexts texts = Instruments.version(1).texts(language);
        for (int question = 1; question <= 6; question++) {
            for (Option option : Option.values()) {
                assertThat(texts.option(question, option)).doesNotContainPattern("\\d\\s*(punt|point)");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void the_two_languages_differ(Language language) {
        Language other = language == Language.NL ? Language.EN : Language.NL;
        assertThat(Instruments.version(1).texts(language).question(1))
                .isNotEqualTo(Instruments.version(1).texts(other).question(1));
    }

    @org.junit.jupiter.api.Test
    void language_codes() {
        assertThat(Language.fromCode("nl")).isEqualTo(Language.NL);
        assertThat(Language.fromCode(" EN ")).isEqualTo(Language.EN);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Language.fromCode("fr"))
                .isInstanceOf(Language.UnsupportedLanguage.class)
                .hasMessage("Language 'fr' is not available; choose one of: nl, en.");
    }
}
