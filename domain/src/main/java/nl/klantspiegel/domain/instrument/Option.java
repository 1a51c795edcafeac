package nl.klantspiegel.domain.instrument;

import java.util.Locale;

/** One of the three answer options every question of the instrument offers. */
public enum Option {
    A, B, C;

    /** The key as the respondent sees it: "a", "b" or "c". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads an option key as a respondent gives it ("a", "b", "c"; case and surrounding blanks
     * are forgiven).
     *
     * @throws InvalidAnswer for anything else
     */
    public static Option fromKey(String key) {
        if (key != null) {
            String normalised = key.trim().toLowerCase(Locale.ROOT);
            for (Option option : values()) {
                if (option.key().equals(normalised)) {
                    return option;
                }
            }
        }
        throw InvalidAnswer.unknownOption(key);
    }
}
