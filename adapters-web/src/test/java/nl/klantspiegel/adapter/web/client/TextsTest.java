package nl.klantspiegel.adapter.web.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web clients' texts, read as they are served: in each language every key once (in a JavaScript object a key
 * written twice is no error, the later one silently wins: the members page once showed the heatmap's function source
 * as its edit button's label), and the same keys in Dutch and English.
 */
class TextsTest {

    /** A language's block: {@code  nl: {} up to its closing {@code  },}, two spaces in. */
    private static final Pattern LANGUAGE = Pattern.compile("(?m)^  ([a-z]{2}): \\{$");
    /** A key of the language's object: four spaces in, a name, a colon. */
    private static final Pattern KEY = Pattern.compile("(?m)^    ([A-Za-z_$][A-Za-z0-9_$]*):");

    @ParameterizedTest
    @ValueSource(strings = {"static/js/i18n.js", "static/beheer/js/texts.js"})
    void every_key_is_defined_once_per_language_and_both_languages_have_the_same_keys(String resource)
            throws IOException {
        Map<String, List<String>> keys = keysByLanguage(read(resource));

        assertThat(keys).as(resource + ": its languages").containsOnlyKeys("nl", "en");
        keys.forEach((language, defined) -> assertThat(duplicates(defined))
                .as(resource + ": keys defined twice in " + language).isEmpty());
        assertThat(new TreeSet<>(keys.get("en"))).as(resource + ": the English keys are the Dutch ones")
                .isEqualTo(new TreeSet<>(keys.get("nl")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"  nl: {\n    a: 'x',\n    b: 'y',\n    a: (v) => v,\n  },\n  en: {\n    a: 'x',\n  },\n"})
    void a_key_defined_twice_is_found(String source) {
        Map<String, List<String>> keys = keysByLanguage(source);

        assertThat(duplicates(keys.get("nl"))).containsExactly("a");
        assertThat(duplicates(keys.get("en"))).isEmpty();
    }

    static Map<String, List<String>> keysByLanguage(String source) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Matcher language = LANGUAGE.matcher(source);
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (language.find()) {
            starts.add(new int[]{language.end()});
            names.add(language.group(1));
        }
        for (int i = 0; i < names.size(); i++) {
            int from = starts.get(i)[0];
            int end = source.indexOf("\n  },", from);
            String block = source.substring(from, end < 0 ? source.length() : end);
            List<String> defined = new ArrayList<>();
            Matcher key = KEY.matcher(block);
            while (key.find()) {
                defined.add(key.group(1));
            }
            keys.put(names.get(i), defined);
        }
        return keys;
    }

    private static List<String> duplicates(List<String> keys) {
        List<String> seen = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (String key : keys) {
            if (seen.contains(key) && !twice.contains(key)) {
                twice.add(key);
            }
            seen.add(key);
        }
        return twice;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = TextsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
