package nl.klantspiegel.adapter.web;

import io.swagger.v3.oas.annotations.media.Schema;
import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.Nullable;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.Instrument;
import nl.klantspiegel.domain.instrument.InstrumentTexts;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One assessment as the API shows it. Texts (diagnosis, advice) come from the instrument version the
 * assessment was taken with, in the requested language.
 */
@Schema(name = "Assessment")
record AssessmentResponse(
        @Schema(description = "The assessment's id; keep it to resume") String id,
        AssessmentView.Status status,
        @Schema(description = "The language the respondent chose", example = "nl") Language language,
        int instrumentVersion,
        @Schema(description = "Chosen option per question number", example = "{\"1\": \"a\", \"2\": \"c\"}")
        Map<String, Option> answers,
        @Schema(description = "Questions still without an answer") List<Integer> unanswered,
        Instant startedAt,
        @Nullable Instant completedAt,
        @Schema(description = "Null until the assessment is completed") @Nullable Result result) {

    @Schema(name = "Result")
    record Result(int totalScore,
                  @Schema(description = "The lowest total possible", example = "6") int minimumScore,
                  @Schema(description = "The highest total possible", example = "30") int maximumScore,
                  Band band, String bandTitle, String diagnosis, ColumnTotals columnTotals, List<Advice> advice) {
    }

    @Schema(name = "Advice", description = "The advice for the option chosen for one question, with the texts of "
            + "the instrument version the assessment was taken with")
    record Advice(int question, String questionText, Option option, String optionText, int points, String text) {
    }

    static AssessmentResponse of(AssessmentView view, Language language) {
        Map<String, Option> answers = new TreeMap<>();
        view.answers().forEach((question, option) -> answers.put(String.valueOf(question), option));
        List<Integer> unanswered = view.unanswered();
        Instrument instrument = Instruments.version(view.instrumentVersion());
        return new AssessmentResponse(view.id().value(), view.status(), view.language(), view.instrumentVersion(),
                answers, unanswered, view.startedAt(), view.completedAt(),
                view.result().map(score -> result(score, instrument, instrument.texts(language))).orElse(null));
    }

    private static Result result(Score score, Instrument instrument, InstrumentTexts texts) {
        List<Advice> advice = score.answers().stream()
                .map(answer -> new Advice(answer.question(), texts.question(answer.question()), answer.option(),
                        texts.option(answer.question(), answer.option()), answer.points(),
                        texts.advice(answer.question(), answer.option())))
                .toList();
        return new Result(score.total(), instrument.minimumScore(), instrument.maximumScore(), score.band(),
                texts.bandTitle(score.band()), texts.diagnosis(score.band()), score.columnTotals(), advice);
    }
}
