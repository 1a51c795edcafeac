package nl.klantspiegel.adapter.web;

import io.swagger.v3.oas.annotations.media.Schema;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.Instrument;
import nl.klantspiegel.domain.instrument.InstrumentTexts;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;

import java.util.Arrays;
import java.util.List;

/** The test as a respondent sees it before answering: no points. */
@Schema(name = "Instrument")
record InstrumentResponse(int version, Language language, String title, String situation, String instruction,
                          List<Question> questions, Scale scale) {

    @Schema(name = "Scale", description = "The totals a respondent can score and the bands they fall in")
    record Scale(int minimum, int maximum, List<BandRange> bands) {
    }

    @Schema(name = "BandRange")
    record BandRange(Band band, String title, int from, int to) {
    }

    @Schema(name = "Question")
    record Question(int number,
                    @Schema(description = "What the question is about, in a few words: its label in charts and tables",
                            example = "Een mening die ik niet deel") String topic,
                    String text, List<AnswerOption> options) {
    }

    @Schema(name = "Option")
    record AnswerOption(@Schema(example = "a") String key, String text) {
    }

    static InstrumentResponse of(Instrument instrument, Language language) {
        InstrumentTexts texts = instrument.texts(language);
        List<Question> questions = instrument.questionNumbers().stream()
                .map(number -> new Question(number, texts.topic(number), texts.question(number), Arrays.stream(Option.values())
                        .map(option -> new AnswerOption(option.key(), texts.option(number, option)))
                        .toList()))
                .toList();
        Scale scale = new Scale(instrument.minimumScore(), instrument.maximumScore(), instrument.bands().stream()
                .map(range -> new BandRange(range.band(), texts.bandTitle(range.band()), range.from(), range.to()))
                .toList());
        return new InstrumentResponse(instrument.version(), language, texts.title(), texts.situation(),
                texts.instruction(), questions, scale);
    }
}
