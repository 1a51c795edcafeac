package nl.klantspiegel.domain.instrument;

import java.util.Objects;

/** The option chosen for one question and the points the score table gives it. */
public record ScoredAnswer(int question, Option option, int points) {
    public ScoredAnswer {
        Objects.requireNonNull(option, "option");
    }
}
