package nl.klantspiegel.application.aggregate;

import nl.klantspiegel.application.assessment.AssessmentAggregate;
import nl.klantspiegel.application.assessment.CompleteAssessmentCommand;
import nl.klantspiegel.application.assessment.GiveAnswerCommand;
import nl.klantspiegel.application.assessment.StartAssessmentCommand;
import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentAlreadyCompleted;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes — two Axon configurations, each with its own cache — over one event store, as N nodes share one MongoDB: a
 * command is decided on the aggregate as it is stored, whichever node handles it, also when it appends nothing.
 */
class CheckedCachingRepositoryTest {

    private static final Instant AT = Instant.parse("2026-11-22T09:00:00Z");

    private final EventStorageEngine store = new InMemoryEventStorageEngine();
    private final List<Configuration> nodes = new ArrayList<>();
    private final List<CheckedCachingRepository<AssessmentAggregate>> repositories = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(Configuration::shutdown);
    }

    private CommandGateway node() {
        Configuration node = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(configuration -> store)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(AssessmentAggregate.class)
                        .configureRepository(configuration -> {
                            CheckedCachingRepository<AssessmentAggregate> repository = CheckedCachingRepository.of(
                                    EventSourcingRepository.builder(AssessmentAggregate.class)
                                            .parameterResolverFactory(configuration.parameterResolverFactory())
                                            .handlerDefinition(configuration.handlerDefinition(
                                                    AssessmentAggregate.class)),
                                    configuration.eventStore(), 100);
                            repositories.add(repository);
                            return repository;
                        }))
                .buildConfiguration();
        node.start();
        nodes.add(node);
        return node.commandGateway();
    }

    @Test
    void choosing_again_what_a_stale_copy_holds_is_still_stored_when_another_node_changed_it() {
        CommandGateway a = node();
        CommandGateway b = node();
        String id = started(a);
        a.sendAndWait(new GiveAnswerCommand(id, 1, "a", AT));
        b.sendAndWait(new GiveAnswerCommand(id, 1, "b", AT));

        AssessmentView answered = a.sendAndWait(new GiveAnswerCommand(id, 1, "a", AT));

        assertThat(answered.answers()).containsEntry(1, Option.A);
        assertThat(answered.version()).isEqualTo(3);
        assertThat(payloads(id)).containsExactly(null, Option.A, Option.B, Option.A);
    }

    @Test
    void a_copy_that_is_current_is_used_and_one_behind_is_read_again() {
        CommandGateway a = node();
        CommandGateway b = node();
        String id = started(a);
        a.sendAndWait(new GiveAnswerCommand(id, 1, "a", AT));
        a.sendAndWait(new GiveAnswerCommand(id, 2, "a", AT));
        assertThat(repositories.get(0).used()).as("the node's own copy, current each time").isEqualTo(2);

        b.sendAndWait(new GiveAnswerCommand(id, 3, "c", AT));
        long readBefore = repositories.get(0).read();
        AssessmentView view = a.sendAndWait(new GiveAnswerCommand(id, 4, "c", AT));

        assertThat(repositories.get(0).read()).as("behind the store: read from the events").isEqualTo(readBefore + 1);
        assertThat(view.answers()).containsOnlyKeys(1, 2, 3, 4);
    }

    @Test
    void a_completion_on_one_node_is_known_to_the_other_at_once() {
        CommandGateway a = node();
        CommandGateway b = node();
        String id = started(a);
        for (int question = 1; question <= 6; question++) {
            (question % 2 == 0 ? a : b).sendAndWait(new GiveAnswerCommand(id, question, "b", AT));
        }
        a.sendAndWait(new GiveAnswerCommand(id, 6, "b", AT)); // a's copy: current

        b.sendAndWait(new CompleteAssessmentCommand(id, AT));

        assertThatThrownBy(() -> a.sendAndWait(new GiveAnswerCommand(id, 1, "c", AT)))
                .isInstanceOf(AssessmentAlreadyCompleted.class);
    }

    @Test
    void a_command_that_rolls_back_leaves_no_copy_behind() {
        CommandGateway a = node();
        String id = started(a);
        a.sendAndWait(new GiveAnswerCommand(id, 1, "a", AT));
        assertThatThrownBy(() -> a.sendAndWait(new GiveAnswerCommand(id, 9, "a", AT)))
                .isInstanceOf(nl.klantspiegel.domain.instrument.InvalidAnswer.class);
        long readBefore = repositories.get(0).read();

        AssessmentView view = a.sendAndWait(new GiveAnswerCommand(id, 2, "c", AT));

        assertThat(repositories.get(0).read()).as("the copy was dropped with the rollback").isEqualTo(readBefore + 1);
        assertThat(view.answers()).containsEntry(1, Option.A).containsEntry(2, Option.C);
    }

    private static String started(CommandGateway node) {
        AssessmentView view = node.sendAndWait(new StartAssessmentCommand(AssessmentId.newId(), Language.NL, AT));
        return view.id().value();
    }

    /** The option of each stored event of the assessment (null for its start). */
    private List<Option> payloads(String id) {
        List<Option> options = new ArrayList<>();
        store.readEvents(id).asStream().map(DomainEventMessage::getPayload)
                .forEach(payload -> options.add(payload instanceof AnswerGiven given ? given.option() : null));
        return options;
    }
}
