package nl.klantspiegel.boot.violation;

import nl.klantspiegel.adapter.persistence.durability.WriteDurability;

/** Deliberately wrong: the composition root compiling against the persistence adapter's classes. */
public class BootUsingThePersistenceAdapter {
    WriteDurability durability() {
        return WriteDurability.BY_WRITE_CONCERN;
    }
}
