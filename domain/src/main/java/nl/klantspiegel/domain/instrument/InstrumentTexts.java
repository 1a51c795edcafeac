package nl.klantspiegel.domain.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The texts of one instrument version in one language: situation, questions, options, band diagnoses
 * and the advice per question per option. Loaded from {@code instrument-v<version>_<language>.properties}
 * next to this class; a missing, empty or unexpected key fails loading, so an incomplete translation can
 * never be published.
 */
public final class InstrumentTexts {

    private final Language language;
    private final Properties texts;

    private InstrumentTexts(Language language, Properties texts) {
        this.language = language;
        this.texts = texts;
    }

    static InstrumentTexts load(int version, int questionCount, Language language) {
        String resource = "instrument-v" + version + "_" + language.code() + ".properties";
        Properties properties = new Properties();
        try (InputStream in = InstrumentTexts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing texts " + resource);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        Set<String> expected = new TreeSet<>(requiredKeys(questionCount));
        Set<String> present = new TreeSet<>(properties.stringPropertyNames());
        List<String> problems = new ArrayList<>();
        expected.stream().filter(key -> !present.contains(key)).forEach(key -> problems.add("missing " + key));
        present.stream().filter(key -> !expected.contains(key)).forEach(key -> problems.add("unexpected " + key));
        expected.stream().filter(present::contains)
                .filter(key -> properties.getProperty(key).isBlank())
                .forEach(key -> problems.add("empty " + key));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(resource + ": " + String.join(", ", problems));
        }
        return new InstrumentTexts(language, properties);
    }

    static List<String> requiredKeys(int questionCount) {
        List<String> keys = new ArrayList<>(List.of("title", "situation", "instruction"));
        for (int question = 1; question <= questionCount; question++) {
            keys.add("question." + question);
            keys.add("question." + question + ".topic");
            for (Option option : Option.values()) {
                keys.add("question." + question + "." + option.key());
                keys.add("advice." + question + "." + option.key());
            }
        }
        for (Band band : Band.values()) {
            keys.add("band." + band.name() + ".title");
            keys.add("band." + band.name() + ".diagnosis");
        }
        return keys;
    }

    public Language language() {
        return language;
    }

    public String title() {
        return text("title");
    }

    public String situation() {
        return text("situation");
    }

    public String instruction() {
        return text("instruction");
    }

    public String question(int question) {
        return text("question." + question);
    }

    /** What the question is about, in a few words: its label in charts and tables ("Een mening die ik niet deel"). */
    public String topic(int question) {
        return text("question." + question + ".topic");
    }

    public String option(int question, Option option) {
        return text("question." + question + "." + option.key());
    }

    public String bandTitle(Band band) {
        return text("band." + band.name() + ".title");
    }

    public String diagnosis(Band band) {
        return text("band." + band.name() + ".diagnosis");
    }

    public String advice(int question, Option option) {
        return text("advice." + question + "." + option.key());
    }

    private String text(String key) {
        String text = texts.getProperty(key);
        if (text == null) {
            throw new IllegalArgumentException("no text '" + key + "' in " + language.code());
        }
        return text;
    }
}
