package nl.klantspiegel.adapter.persistence.durability;

/**
 * Makes acknowledged writes survive a crash. Called after a write the caller is about to acknowledge;
 * returns once that write is on disk.
 */
@FunctionalInterface
public interface WriteDurability {

    /** A database that makes writes durable by itself, through its write concern (a real MongoDB). */
    WriteDurability BY_WRITE_CONCERN = () -> {
    };

    void awaitDurable();
}
