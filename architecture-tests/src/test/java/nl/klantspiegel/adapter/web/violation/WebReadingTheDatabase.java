package nl.klantspiegel.adapter.web.violation;

import nl.klantspiegel.adapter.persistence.durability.WriteDurability;

/** Deliberately wrong: the web adapter using the persistence adapter directly. */
public class WebReadingTheDatabase {
    WriteDurability durability() {
        return WriteDurability.BY_WRITE_CONCERN;
    }
}
