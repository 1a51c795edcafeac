package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** An entry of the audit trail names its event by the event's type and keeps when the store recorded it. */
class RecordedEventTest {

    private static final String ID = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant RECORDED = T0.plusMillis(3);

    @Test
    void an_entry_is_named_after_its_event() {
        AnswerGiven given = new AnswerGiven(ID, 2, Option.B, T0);

        RecordedEvent entry = RecordedEvent.of(4, RECORDED, given);

        assertThat(entry).isEqualTo(new RecordedEvent(4, "AnswerGiven", RECORDED, given));
        assertThat(RecordedEvent.of(0, RECORDED, new AssessmentStarted(ID, 1, Language.NL, T0)).type())
                .isEqualTo("AssessmentStarted");
    }

    @Test
    void type_time_and_event_are_required() {
        AnswerGiven given = new AnswerGiven(ID, 2, Option.B, T0);
        assertThatNullPointerException().isThrownBy(() -> new RecordedEvent(1, null, RECORDED, given))
                .withMessage("type");
        assertThatNullPointerException().isThrownBy(() -> new RecordedEvent(1, "AnswerGiven", null, given))
                .withMessage("recordedAt");
        assertThatNullPointerException().isThrownBy(() -> new RecordedEvent(1, "AnswerGiven", RECORDED, null))
                .withMessage("event");
    }
}
