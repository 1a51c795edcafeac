package nl.klantspiegel.domain.scoring;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.BandRange;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.ScoredAnswer;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Another way to score the stored answers: other points per question and option, other band limits, or both — for an
 * analyst asking "what if", never for a respondent's own result and never written into an event. Read from a plain
 * text file an analyst writes without code:
 *
 * <pre>
 * id = strict
 * version = 2
 * name = Stricter: only the customer-oriented answer counts fully
 * instrument = 1
 * # points for a, b, c per question (default: the instrument's own)
 * points.1 = 1, 2, 5
 * # the band limits, inclusive, together covering every possible total without overlap
 * band.LOW = 6-16
 * band.AVERAGE = 17-23
 * band.HIGH = 24-30
 * </pre>
 *
 * @param points per question, the points of a, b and c
 * @param bands  per band, its inclusive range of totals
 */
public record AlternativeScoring(String id, int version, String name, int instrumentVersion,
                                 Map<Integer, Map<Option, Integer>> points, Map<Band, int[]> bands) {

    public AlternativeScoring {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        points = Map.copyOf(points);
        bands = Map.copyOf(bands);
    }

    /**
     * Reads a scoring file.
     *
     * @param defaults the instrument's own points per question and option, for questions the file does not name
     * @throws InvalidScoring naming what is wrong
     */
    public static AlternativeScoring parse(String text, Map<Integer, Map<Option, Integer>> defaults) {
        Properties file = new Properties();
        try {
            file.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidScoring("not a scoring file: " + e.getMessage());
        }
        String id = required(file, "id");
        if (!id.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new InvalidScoring("id must be 1 to 40 lower-case letters, digits or dashes: " + id);
        }
        int version = number(file, "version");
        int instrument = number(file, "instrument");
        Map<Integer, Map<Option, Integer>> points = new TreeMap<>();
        for (Map.Entry<Integer, Map<Option, Integer>> question : defaults.entrySet()) {
            String given = file.getProperty("points." + question.getKey());
            points.put(question.getKey(), given == null ? question.getValue() : options(question.getKey(), given));
        }
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith("points.") && !points.containsKey(parseOr(key.substring(7)))) {
                throw new InvalidScoring(key + ": the instrument has no such question");
            }
            if (!key.matches("id|version|name|instrument|points\\.\\d+|band\\.(LOW|AVERAGE|HIGH)")) {
                throw new InvalidScoring("unknown setting " + key);
            }
        }
        int lowest = 0;
        int highest = 0;
        for (Map<Option, Integer> options : points.values()) {
            lowest += options.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            highest += options.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }
        Map<Band, int[]> bands = new EnumMap<>(Band.class);
        for (Band band : Band.values()) {
            String range = required(file, "band." + band.name());
            String[] ends = range.split("-");
            if (ends.length != 2) {
                throw new InvalidScoring("band." + band + " is a range like 6-14: " + range);
            }
            int from = parse("band." + band, ends[0]);
            int to = parse("band." + band, ends[1]);
            if (from > to) {
                throw new InvalidScoring("band." + band + " runs backwards: " + range);
            }
            bands.put(band, new int[]{from, to});
        }
        try {
            BandRange.requireCover(bands.entrySet().stream()
                    .map(band -> new BandRange(band.getKey(), band.getValue()[0], band.getValue()[1])).toList(),
                    lowest, highest);
        } catch (IllegalArgumentException wrong) {
            throw new InvalidScoring("the bands must cover every total from " + lowest + " to " + highest
                    + " in the order LOW, AVERAGE, HIGH, without gap or overlap: " + wrong.getMessage());
        }
        return new AlternativeScoring(id, version, file.getProperty("name", id).strip(), instrument, points, bands);
    }

    /** The total of the stored answers under these points. */
    public int total(List<ScoredAnswer> answers) {
        int total = 0;
        for (ScoredAnswer answer : answers) {
            Map<Option, Integer> options = points.get(answer.question());
            if (options == null) {
                throw new IllegalArgumentException("question " + answer.question() + " is not in scoring " + id);
            }
            total += options.get(answer.option());
        }
        return total;
    }

    /** The band of the stored answers under this scoring. */
    public Band band(List<ScoredAnswer> answers) {
        int total = total(answers);
        for (Map.Entry<Band, int[]> band : bands.entrySet()) {
            if (total >= band.getValue()[0] && total <= band.getValue()[1]) {
                return band.getKey();
            }
        }
        throw new IllegalStateException("total " + total + " in no band of scoring " + id);
    }

    private static Map<Option, Integer> options(int question, String given) {
        String[] values = given.split(",");
        if (values.length != Option.values().length) {
            throw new InvalidScoring("points." + question + " gives the points of a, b and c: " + given);
        }
        Map<Option, Integer> options = new EnumMap<>(Option.class);
        for (int i = 0; i < values.length; i++) {
            int value = parse("points." + question, values[i]);
            if (value < 0 || value > 100) {
                throw new InvalidScoring("points." + question + " must be from 0 to 100: " + given);
            }
            options.put(Option.values()[i], value);
        }
        return options;
    }

    private static String required(Properties file, String key) {
        String value = file.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new InvalidScoring("missing " + key);
        }
        return value.strip();
    }

    private static int number(Properties file, String key) {
        return parse(key, required(file, key));
    }

    private static int parse(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidScoring(key + " must be a whole number: " + value.strip());
        }
    }

    private static int parseOr(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AlternativeScoring that && id.equals(that.id) && version == that.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    /** A scoring file that cannot be used, and why. */
    public static final class InvalidScoring extends IllegalArgumentException {
        public InvalidScoring(String message) {
            super(message);
        }
    }

    /** Every question's points of a, b and c, in a form for {@link #parse}'s defaults. */
    public static Map<Integer, Map<Option, Integer>> pointsOf(nl.klantspiegel.domain.instrument.Instrument instrument) {
        Map<Integer, Map<Option, Integer>> points = new TreeMap<>();
        for (int question : instrument.questionNumbers()) {
            Map<Option, Integer> options = new EnumMap<>(Option.class);
            for (Option option : Option.values()) {
                options.put(option, instrument.points(question, option));
            }
            points.put(question, options);
        }
        return points;
    }

    /** The bands as text, e.g. {@code LOW 6-14}. */
    public List<String> bandTexts() {
        List<String> texts = new ArrayList<>();
        for (Band band : Band.values()) {
            texts.add(band + " " + bands.get(band)[0] + "-" + bands.get(band)[1]);
        }
        return texts;
    }
}
