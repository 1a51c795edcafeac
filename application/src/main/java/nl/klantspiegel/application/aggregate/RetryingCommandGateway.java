package nl.klantspiegel.application.aggregate;

import nl.klantspiegel.application.port.in.ConcurrentChange;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The command gateway every use case sends through: a command whose append the store refused because another node (or
 * thread) appended to the same aggregate at the same moment is sent again, on the aggregate as it now is (the
 * repository dropped the copy it decided on), at most {@link #ATTEMPTS} times in all; then the caller gets a
 * {@link ConcurrentChange} (a {@code 409}). The same for two creations of one aggregate at once (the first release of
 * an organisation's results, tried by two nodes): the second is sent again and finds the aggregate made.
 *
 * <p>Only {@code sendAndWait} retries: it is what the use cases call. The asynchronous {@code send}s pass through.
 */
public final class RetryingCommandGateway implements CommandGateway {

    /** How often a command is tried in all when other requests keep changing the same aggregate at the same time. */
    public static final int ATTEMPTS = 4;

    private final CommandGateway delegate;

    public RetryingCommandGateway(CommandGateway delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public <R> R sendAndWait(Object command) {
        return retrying(command, (gateway, sent) -> gateway.sendAndWait(sent));
    }

    @Override
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
        return retrying(command, (gateway, sent) -> gateway.sendAndWait(sent, timeout, unit));
    }

    @Override
    public <R> R sendAndWait(Object command, MetaData metaData) {
        return retrying(command, (gateway, sent) -> gateway.sendAndWait(sent, metaData));
    }

    @Override
    public <R> R sendAndWait(Object command, MetaData metaData, long timeout, TimeUnit unit) {
        return retrying(command, (gateway, sent) -> gateway.sendAndWait(sent, metaData, timeout, unit));
    }

    private <R> R retrying(Object command, BiFunction<CommandGateway, Object, R> send) {
        for (int attempt = 1; ; attempt++) {
            try {
                return send.apply(delegate, command);
            } catch (ConcurrencyException | AggregateStreamCreationException concurrent) {
                if (attempt >= ATTEMPTS) {
                    throw new ConcurrentChange(describe(command), concurrent);
                }
            }
        }
    }

    /** "What GiveAnswer changes", from the command's type: the message names what was tried, never its content. */
    static String describe(Object command) {
        String name = command.getClass().getSimpleName();
        return "What " + (name.endsWith("Command") ? name.substring(0, name.length() - "Command".length()) : name)
                + " changes";
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        delegate.send(command, callback);
    }

    @Override
    public <R> CompletableFuture<R> send(Object command) {
        return delegate.send(command);
    }

    @Override
    public <R> CompletableFuture<R> send(Object command, MetaData metaData) {
        return delegate.send(command, metaData);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }

}
