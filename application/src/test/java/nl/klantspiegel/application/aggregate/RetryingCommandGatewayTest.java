package nl.klantspiegel.application.aggregate;

import nl.klantspiegel.application.assessment.GiveAnswerCommand;
import nl.klantspiegel.application.port.in.ConcurrentChange;
import nl.klantspiegel.application.testing.ScriptedCommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static nl.klantspiegel.application.testing.ScriptedCommandGateway.failing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A command that meets a concurrent append is sent again, a bounded number of times; nothing else is. */
class RetryingCommandGatewayTest {

    private static final GiveAnswerCommand ANSWER = new GiveAnswerCommand("a-1", 1, "a",
            Instant.parse("2026-11-22T09:00:00Z"));

    private final ScriptedCommandGateway delegate = new ScriptedCommandGateway();
    private final RetryingCommandGateway gateway = new RetryingCommandGateway(delegate);

    @Test
    void a_concurrent_append_is_sent_again_and_the_last_attempt_may_still_succeed() {
        for (int attempt = 1; attempt < RetryingCommandGateway.ATTEMPTS; attempt++) {
            delegate.then(failing(new ConcurrencyException("appended meanwhile")));
        }
        delegate.then(command -> "stored");

        assertThat((String) gateway.sendAndWait(ANSWER)).isEqualTo("stored");
        assertThat(delegate.sent()).hasSize(RetryingCommandGateway.ATTEMPTS).containsOnly(ANSWER);
    }

    @Test
    void a_second_creation_of_the_same_aggregate_is_sent_again_too() {
        delegate.then(failing(new AggregateStreamCreationException("made meanwhile"))).then(command -> "found");

        assertThat((String) gateway.sendAndWait(ANSWER, MetaData.emptyInstance())).isEqualTo("found");
        assertThat(delegate.sent()).hasSize(2);
    }

    @Test
    void after_the_last_attempt_the_caller_is_told_to_send_it_again_later_with_the_cause() {
        ConcurrencyException last = new ConcurrencyException("the last");
        for (int attempt = 1; attempt < RetryingCommandGateway.ATTEMPTS; attempt++) {
            delegate.then(failing(new ConcurrencyException("appended meanwhile")));
        }
        delegate.then(failing(last)).then(command -> "never asked");

        assertThatThrownBy(() -> gateway.sendAndWait(ANSWER, 1, TimeUnit.SECONDS))
                .isInstanceOf(ConcurrentChange.class)
                .hasCause(last)
                .hasMessageStartingWith("What GiveAnswer changes was changed by other requests at the same moment");
        assertThat(delegate.sent()).hasSize(RetryingCommandGateway.ATTEMPTS);
    }

    @Test
    void any_other_failure_is_passed_on_at_once() {
        IllegalStateException refused = new IllegalStateException("refused by the domain");
        delegate.then(failing(refused)).then(command -> "never asked");

        assertThatThrownBy(() -> gateway.sendAndWait(ANSWER, MetaData.emptyInstance(), 1, TimeUnit.SECONDS))
                .isSameAs(refused);
        assertThat(delegate.sent()).hasSize(1);
    }

    @Test
    void a_command_type_without_the_suffix_is_named_as_it_is() {
        assertThat(RetryingCommandGateway.describe("text")).isEqualTo("What String changes");
        assertThat(RetryingCommandGateway.describe(ANSWER)).isEqualTo("What GiveAnswer changes");
    }

    @Test
    void the_asynchronous_sends_and_interceptors_go_to_the_gateway_behind_it() {
        delegate.then(command -> "one").then(command -> "two");

        assertThat(gateway.send(ANSWER).join()).isEqualTo("one");
        assertThat(gateway.send(ANSWER, MetaData.emptyInstance()).join()).isEqualTo("two");
        assertThatNullPointerException().isThrownBy(() -> new RetryingCommandGateway(null)).withMessage("delegate");
    }
}
