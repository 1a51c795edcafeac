package nl.klantspiegel.adapter.persistence.violation;

import nl.klantspiegel.adapter.web.WebAdapter;

/** Deliberately wrong: the persistence adapter depending on the web adapter. */
public class PersistenceCallingTheWebAdapter {
    Class<?> web() {
        return WebAdapter.class;
    }
}
