package nl.klantspiegel.application.account;

/** A caller's text as a refusal may quote it: at most 60 characters, control characters as '?'. */
final class Shown {

    private Shown() {
    }

    static String safely(String text) {
        String value = String.valueOf(text);
        return (value.length() > 60 ? value.substring(0, 60) + "…" : value).replaceAll("\\p{Cntrl}", "?");
    }
}
