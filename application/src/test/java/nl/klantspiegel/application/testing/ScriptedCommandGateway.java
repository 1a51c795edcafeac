package nl.klantspiegel.application.testing;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The command side, scripted: each command sent gets the next answer (the aggregate's result, or its failure). A
 * command beyond the script fails the test.
 */
public final class ScriptedCommandGateway implements CommandGateway {

    private final Deque<Function<Object, Object>> answers = new ArrayDeque<>();
    private final List<Object> sent = new ArrayList<>();

    public ScriptedCommandGateway then(Function<Object, Object> answer) {
        answers.add(answer);
        return this;
    }

    /** Every command sent, in order. */
    public List<Object> sent() {
        return sent;
    }

    public static Function<Object, Object> failing(RuntimeException failure) {
        return command -> {
            throw failure;
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R sendAndWait(Object command) {
        sent.add(command);
        Function<Object, Object> answer = answers.poll();
        if (answer == null) {
            throw new AssertionError("no more commands expected, got " + command);
        }
        return (R) answer.apply(command);
    }

    @Override
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
        return sendAndWait(command);
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <R> CompletableFuture<R> send(Object command) {
        try {
            return CompletableFuture.completedFuture(sendAndWait(command));
        } catch (RuntimeException failed) {
            return CompletableFuture.failedFuture(failed);
        }
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        throw new UnsupportedOperationException();
    }
}
