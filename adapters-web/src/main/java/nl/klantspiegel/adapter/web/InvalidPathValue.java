package nl.klantspiegel.adapter.web;

/** A value in the path that is not written as the API expects it. */
final class InvalidPathValue extends IllegalArgumentException {

    InvalidPathValue(String message) {
        super(message);
    }

    /**
     * A question number as the path gives it: plain decimal digits, no sign, no leading zero, no spaces, no
     * hexadecimal or other notation that a lenient parser would read as a number. Whether the instrument has that
     * question is for the domain to say.
     */
    static int questionNumber(String text) {
        if (text == null || !text.matches("[1-9][0-9]{0,8}")) {
            throw new InvalidPathValue("Question must be a question number written plainly, such as 3; '"
                    + ApiExceptionHandler.printable(String.valueOf(text)) + "' is not.");
        }
        return Integer.parseInt(text);
    }
}
