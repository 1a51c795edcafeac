package nl.klantspiegel.application.projection;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A projection that can be rebuilt while the product serves: its processing group, the read models it writes (each a
 * {@link ActiveReadModel} port that everything holds), and how to make a second instance of it that writes to given
 * versions of those read models and tells no waiting reader.
 *
 * @param name     the processing group
 * @param stores   the read models it writes
 * @param instance a new instance of the projection over the read models given
 */
public record RebuildableProjection(String name, List<ActiveReadModel<?>> stores, Function<Stores, Object> instance) {

    public RebuildableProjection {
        Objects.requireNonNull(name, "name");
        stores = List.copyOf(stores);
        Objects.requireNonNull(instance, "instance");
        if (stores.isEmpty()) {
            throw new IllegalArgumentException(name + " writes no read model");
        }
        for (ActiveReadModel<?> store : stores) {
            if (!store.projection().equals(name)) {
                throw new IllegalArgumentException(store.type().getSimpleName() + " belongs to " + store.projection()
                        + ", not to " + name);
            }
        }
    }

    /** The read models a rebuilt instance writes, by their port. */
    @FunctionalInterface
    public interface Stores {
        <T> T get(Class<T> type);
    }
}
