package nl.klantspiegel.application.violation;

import nl.klantspiegel.boot.KlantspiegelApplication;

/** Deliberately wrong: the application reaching for the composition root. */
public class ApplicationUsingAnAdapter {
    Class<?> root() {
        return KlantspiegelApplication.class;
    }
}
