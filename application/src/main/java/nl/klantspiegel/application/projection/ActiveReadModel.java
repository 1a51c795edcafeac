package nl.klantspiegel.application.projection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A read model's port that everything holds, answered by the version of the read model that answers now — the one
 * the shared store names ({@link ActiveVersions}), so every node follows a rebuild's switch within the same bound.
 * {@link #of} makes one for any port; a port with needs of its own (the report facts count their versions on across
 * switches) implements it itself.
 *
 * @param <T> the port out
 */
public interface ActiveReadModel<T> {

    /** The port out switched. */
    Class<T> type();

    /** The projection whose read model it is. */
    String projection();

    /** What everything holds: answers from the version that answers now. */
    T port();

    /**
     * A port of type {@code type} that hands every call to the read model in the version of {@code projection} that
     * answers at that moment.
     *
     * @param open the read model in a version
     */
    static <T> ActiveReadModel<T> of(Class<T> type, String projection, ActiveVersions active, IntFunction<T> open) {
        return new Delegating<>(type, projection, active, open);
    }

    /** The read model in one version, opened once for as long as that version answers. */
    record Opened<T>(int version, T port) {
    }

    /** Follows the answering version: the read model in the version it opened last, or the next one. */
    final class Follower<T> {

        private final String projection;
        private final ActiveVersions active;
        private final IntFunction<T> open;
        private volatile Opened<T> opened;

        public Follower(String projection, ActiveVersions active, IntFunction<T> open) {
            this.projection = Objects.requireNonNull(projection, "projection");
            this.active = Objects.requireNonNull(active, "active");
            this.open = Objects.requireNonNull(open, "open");
        }

        /** The read model in the version that answers now. */
        public Opened<T> current() {
            int version = active.version(projection);
            Opened<T> last = opened;
            if (last == null || last.version() != version) {
                last = new Opened<>(version, Objects.requireNonNull(open.apply(version), "opened version"));
                opened = last;
            }
            return last;
        }
    }

    /** A JDK proxy of the port that hands each call to the current version. */
    final class Delegating<T> implements ActiveReadModel<T>, InvocationHandler {

        private final Class<T> type;
        private final String projection;
        private final Follower<T> follower;
        private final T port;

        private Delegating(Class<T> type, String projection, ActiveVersions active, IntFunction<T> open) {
            if (!type.isInterface()) {
                throw new IllegalArgumentException(type.getName() + " is not an interface");
            }
            this.type = type;
            this.projection = projection;
            this.follower = new Follower<>(projection, active, open);
            this.port = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, this));
        }

        @Override
        public Class<T> type() {
            return type;
        }

        @Override
        public String projection() {
            return projection;
        }

        @Override
        public T port() {
            return port;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "ActiveReadModel " + type.getSimpleName() + " of " + projection;
                };
            }
            try {
                return method.invoke(follower.current().port(), args);
            } catch (InvocationTargetException thrown) {
                throw thrown.getCause();
            }
        }
    }
}
