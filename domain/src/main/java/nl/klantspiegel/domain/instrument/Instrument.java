package nl.klantspiegel.domain.instrument;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * One version of the self-test: its questions, the score table, the bands and the texts.
 * Scoring is a pure function of the instrument version and the answers, so history can be re-scored.
 */
public final class Instrument {

    private final int version;
    private final int[][] points;
    private final List<BandRange> bands;
    private final Map<Language, InstrumentTexts> texts = new EnumMap<>(Language.class);

    /**
     * @param version the version number
     * @param points  the score table: one row per question (question 1 first), one column per option a, b, c
     * @param bands   one range for every band, together covering every possible total exactly once and nothing
     *                outside the scale (each band has a title and a diagnosis, so none may be missing or double)
     */
    Instrument(int version, int[][] points, List<BandRange> bands) {
        this.version = version;
        this.points = copyOf(points);
        this.bands = List.copyOf(bands);
        BandRange.requireCover(this.bands, minimumScore(), maximumScore());
        for (Language language : Language.values()) {
            texts.put(language, InstrumentTexts.load(version, questionCount(), language));
        }
    }

    private static int[][] copyOf(int[][] table) {
        int[][] copy = new int[table.length][];
        for (int row = 0; row < table.length; row++) {
            if (table[row].length != Option.values().length) {
                throw new IllegalArgumentException("question " + (row + 1) + " needs one score per option");
            }
            copy[row] = table[row].clone();
        }
        return copy;
    }

    public int version() {
        return version;
    }

    public int questionCount() {
        return points.length;
    }

    public List<Integer> questionNumbers() {
        return IntStream.rangeClosed(1, questionCount()).boxed().toList();
    }

    /** The questions of this instrument that have no answer among {@code answered}, in order. */
    public List<Integer> unanswered(Set<Integer> answered) {
        return questionNumbers().stream().filter(question -> !answered.contains(question)).toList();
    }

    /** @throws InvalidAnswer when this instrument has no question with that number */
    public void requireQuestion(int question) {
        if (question < 1 || question > questionCount()) {
            throw InvalidAnswer.unknownQuestion(question, questionCount());
        }
    }

    /** The points the score table gives to an option of a question. */
    public int points(int question, Option option) {
        requireQuestion(question);
        return points[question - 1][option.ordinal()];
    }

    public int minimumScore() {
        return IntStream.range(0, points.length).map(row -> IntStream.of(points[row]).min().orElseThrow()).sum();
    }

    public int maximumScore() {
        return IntStream.range(0, points.length).map(row -> IntStream.of(points[row]).max().orElseThrow()).sum();
    }

    public List<BandRange> bands() {
        return bands;
    }

    /** The band a total score falls in. */
    public Band band(int total) {
        return bands.stream()
                .filter(range -> range.contains(total))
                .map(BandRange::band)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("total " + total + " is outside "
                        + minimumScore() + ".." + maximumScore()));
    }

    /**
     * Scores a complete set of answers.
     *
     * @param answers one option for every question of this instrument
     * @throws IllegalArgumentException when the set is not complete or names a question this instrument lacks
     */
    public Score score(Map<Integer, Option> answers) {
        Objects.requireNonNull(answers, "answers");
        answers.keySet().forEach(this::requireQuestion);
        List<ScoredAnswer> scored = new ArrayList<>();
        ColumnTotals columns = new ColumnTotals(0, 0, 0);
        for (int question : questionNumbers()) {
            Option option = answers.get(question);
            if (option == null) {
                throw new IllegalArgumentException("question " + question + " has no answer");
            }
            int earned = points(question, option);
            scored.add(new ScoredAnswer(question, option, earned));
            columns = columns.plus(option, earned);
        }
        int total = columns.total();
        return new Score(version, scored, columns, total, band(total));
    }

    /** The texts of this version in one language. */
    public InstrumentTexts texts(Language language) {
        return texts.get(Objects.requireNonNull(language, "language"));
    }

    @Override
    public String toString() {
        return "Instrument v" + version;
    }
}
