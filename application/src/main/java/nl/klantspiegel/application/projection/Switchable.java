package nl.klantspiegel.application.projection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Objects;

/**
 * A read model's port that everything holds, answered by one version of the read model and switched to a rebuilt
 * version in one step. {@link #of} makes one for any port; a port with needs of its own (the report facts count
 * their versions on across switches) implements it itself.
 *
 * @param <T> the port out
 */
public interface Switchable<T> {

    /** The port out switched. */
    Class<T> type();

    /** What everything holds: answers from the version switched to last. */
    T port();

    /** From now on the port answers from {@code version}. */
    void switchTo(T version);

    /** Switches to a version given untyped (checked against {@link #type()}). */
    default void switchToVersion(Object version) {
        switchTo(type().cast(version));
    }

    /** A port of type {@code type} that hands every call to the version switched to last, at first {@code initial}. */
    static <T> Switchable<T> of(Class<T> type, T initial) {
        return new Delegating<>(type, initial);
    }

    /** A JDK proxy of the port that hands each call to the current version. */
    final class Delegating<T> implements Switchable<T>, InvocationHandler {

        private final Class<T> type;
        private final T port;
        private volatile T current;

        private Delegating(Class<T> type, T initial) {
            if (!type.isInterface()) {
                throw new IllegalArgumentException(type.getName() + " is not an interface");
            }
            this.type = type;
            this.current = Objects.requireNonNull(initial, "initial");
            this.port = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, this));
        }

        @Override
        public Class<T> type() {
            return type;
        }

        @Override
        public T port() {
            return port;
        }

        @Override
        public void switchTo(T version) {
            current = Objects.requireNonNull(version, "version");
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Switchable " + type.getSimpleName() + " answered by " + current;
                };
            }
            try {
                return method.invoke(current, args);
            } catch (InvocationTargetException thrown) {
                throw thrown.getCause();
            }
        }
    }
}
