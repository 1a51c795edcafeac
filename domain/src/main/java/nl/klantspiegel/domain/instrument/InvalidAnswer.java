package nl.klantspiegel.domain.instrument;

/** An answer the instrument cannot accept: a question it does not have, or an option it does not offer. */
public final class InvalidAnswer extends IllegalArgumentException {

    private InvalidAnswer(String message) {
        super(message);
    }

    static InvalidAnswer unknownQuestion(int question, int questionCount) {
        return new InvalidAnswer("Question " + question + " does not exist; questions are numbered 1 to "
                + questionCount + ".");
    }

    static InvalidAnswer unknownOption(String key) {
        return new InvalidAnswer(key == null
                ? "An option is required; choose a, b or c."
                : "Option '" + key + "' does not exist; choose a, b or c.");
    }
}
