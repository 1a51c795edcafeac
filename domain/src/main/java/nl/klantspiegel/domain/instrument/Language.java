package nl.klantspiegel.domain.instrument;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The languages the instrument is available in. Dutch is the original. */
public enum Language {
    NL("nl"),
    EN("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** The ISO 639-1 code, as used in the API and in resource names. */
    public String code() {
        return code;
    }

    public static Language fromCode(String code) {
        if (code != null) {
            String normalised = code.trim().toLowerCase(Locale.ROOT);
            for (Language language : values()) {
                if (language.code.equals(normalised)) {
                    return language;
                }
            }
        }
        throw new UnsupportedLanguage(code);
    }

    static String supportedCodes() {
        return Arrays.stream(values()).map(Language::code).collect(Collectors.joining(", "));
    }

    /** A language code the instrument is not available in. */
    public static final class UnsupportedLanguage extends IllegalArgumentException {
        public UnsupportedLanguage(String code) {
            super("Language '" + code + "' is not available; choose one of: " + supportedCodes() + ".");
        }
    }
}
