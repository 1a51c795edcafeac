package nl.klantspiegel.boot;

import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Completed respondents' histories for the tests that need many of them before they start. */
final class StoredHistories {

    private StoredHistories() {
    }

    /** Stores respondents' events directly, as the assessment aggregate makes them: far faster than over HTTP. */
    static void store(EventStore eventStore, Participation where, int count) {
        Random random = new Random(7);
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            Instant at = Instant.now();
            List<AssessmentEvent> history = new ArrayList<>();
            history.add(new AssessmentStarted(id, 1, Language.NL, at, where));
            Map<Integer, Option> answers = new HashMap<>();
            for (int question = 1; question <= 6; question++) {
                Option option = Option.values()[random.nextInt(3)];
                answers.put(question, option);
                history.add(new AnswerGiven(id, question, option, at));
            }
            if (random.nextBoolean()) {
                Option changed = Option.values()[random.nextInt(3)];
                answers.put(3, changed);
                history.add(new AnswerGiven(id, 3, changed, at));
            }
            Score score = Instruments.current().score(answers);
            history.add(new AssessmentCompleted(id, 1, score.answers(), score.columnTotals(), score.total(),
                    score.band(), at));
            for (int sequence = 0; sequence < history.size(); sequence++) {
                batch.add(new GenericDomainEventMessage<>("AssessmentAggregate", id, sequence, history.get(sequence)));
            }
            if (batch.size() >= 1_000 || i == count - 1) {
                List<DomainEventMessage<?>> append = batch;
                DefaultUnitOfWork.startAndGet(null).execute(() -> eventStore.publish(append));
                batch = new ArrayList<>();
            }
        }
    }
}
