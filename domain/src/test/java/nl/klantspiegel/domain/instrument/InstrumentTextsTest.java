package nl.klantspiegel.domain.instrument;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The texts respondents read: version 1 is complete in every language, and a text file with a missing,
 * unexpected or empty key (or no file at all) is refused when it is loaded, naming every problem. The
 * broken files are test resources with version numbers 900 and up, next to this class.
 */
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
            assertThat(texts.topic(question)).isNotBlank().hasSizeLessThan(45);
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

    @Test
    void a_text_the_instrument_lacks_is_refused_rather_than_left_blank() {
        assertThatThrownBy(() -> Instruments.version(1).texts(Language.EN).question(7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no text 'question.7' in en");
    }

    @Test
    void language_codes() {
        assertThat(Language.fromCode("nl")).isEqualTo(Language.NL);
        assertThat(Language.fromCode(" EN ")).isEqualTo(Language.EN);
        assertThatThrownBy(() -> Language.fromCode("fr"))
                .isInstanceOf(Language.UnsupportedLanguage.class)
                .hasMessage("Language 'fr' is not available; choose one of: nl, en.");
    }

    @Nested
    class Loading {

        @Test
        void a_complete_file_is_read_as_utf_8_with_every_text_under_its_key() {
            InstrumentTexts texts = InstrumentTexts.load(900, 2, Language.NL);

            assertThat(texts.language()).isEqualTo(Language.NL);
            assertThat(texts.title()).isEqualTo("Proeftoets – één klant");
            assertThat(texts.situation()).isEqualTo("Een klant belt.");
            assertThat(texts.instruction()).isEqualTo("Kies per vraag één antwoord.");
            assertThat(texts.question(2)).isEqualTo("En daarna?");
            assertThat(texts.option(1, Option.B)).isEqualTo("Terugbellen");
            assertThat(texts.advice(2, Option.C)).isEqualTo("Te snel.");
            assertThat(texts.bandTitle(Band.AVERAGE)).isEqualTo("Gemiddeld");
            assertThat(texts.diagnosis(Band.HIGH)).isEqualTo("Je score is hoog.");
        }

        @Test
        void each_language_is_read_from_its_own_file() {
            InstrumentTexts texts = InstrumentTexts.load(900, 2, Language.EN);

            assertThat(texts.language()).isEqualTo(Language.EN);
            assertThat(texts.title()).isEqualTo("Trial test – one customer");
        }

        @Test
        void a_missing_file_is_refused() {
            assertThatThrownBy(() -> InstrumentTexts.load(999, 2, Language.NL))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("missing texts instrument-v999_nl.properties");
        }

        @Test
        void a_missing_key_is_refused() {
            assertThatThrownBy(() -> InstrumentTexts.load(901, 2, Language.NL))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("instrument-v901_nl.properties: missing advice.2.b");
        }

        @Test
        void an_unexpected_key_is_refused() {
            assertThatThrownBy(() -> InstrumentTexts.load(902, 2, Language.NL))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("instrument-v902_nl.properties: unexpected question.2.d");
        }

        @Test
        void a_blank_text_is_refused() {
            assertThatThrownBy(() -> InstrumentTexts.load(903, 2, Language.NL))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("instrument-v903_nl.properties: empty band.HIGH.diagnosis");
        }

        @Test
        void every_problem_of_a_file_is_reported_at_once() {
            // question.1.b is left out, advice.1.c is empty and advice.2.c is misspelt as advise.2.c
            assertThatThrownBy(() -> InstrumentTexts.load(904, 2, Language.NL))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("instrument-v904_nl.properties: missing advice.2.c, missing question.1.b, "
                            + "unexpected advise.2.c, empty advice.1.c");
        }

        @Test
        void the_texts_of_a_question_the_instrument_lacks_are_unexpected() {
            assertThatThrownBy(() -> InstrumentTexts.load(900, 1, Language.NL))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("instrument-v900_nl.properties: unexpected advice.2.a, unexpected advice.2.b, "
                            + "unexpected advice.2.c, unexpected question.2, unexpected question.2.a, "
                            + "unexpected question.2.b, unexpected question.2.c, unexpected question.2.topic");
        }

        @Test
        void every_question_of_the_instrument_needs_its_texts() {
            assertThatThrownBy(() -> InstrumentTexts.load(900, 3, Language.NL))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("instrument-v900_nl.properties: missing advice.3.a, missing advice.3.b, "
                            + "missing advice.3.c, missing question.3, missing question.3.a, "
                            + "missing question.3.b, missing question.3.c, missing question.3.topic");
        }

        @Test
        void the_keys_a_translation_needs_for_one_question() {
            assertThat(InstrumentTexts.requiredKeys(1)).containsExactlyInAnyOrder(
                    "title", "situation", "instruction",
                    "question.1", "question.1.topic", "question.1.a", "question.1.b", "question.1.c",
                    "advice.1.a", "advice.1.b", "advice.1.c",
                    "band.LOW.title", "band.LOW.diagnosis",
                    "band.AVERAGE.title", "band.AVERAGE.diagnosis",
                    "band.HIGH.title", "band.HIGH.diagnosis");
        }
    }
}
