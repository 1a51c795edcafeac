package nl.klantspiegel.domain.assessment;

import nl.klantspiegel.domain.instrument.Instrument;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One respondent's run through the self-test: a pure, immutable aggregate. It <em>decides</em> (the
 * command methods answer with the events that should happen, or refuse) and it <em>evolves</em>
 * ({@link #evolve} gives the state after an event). It never changes itself and knows nothing of storage.
 */
public final class Assessment {

    private final String id;
    private final Instrument instrument;
    private final Language language;
    private final Participation participation;
    private final Map<Integer, Option> answers;
    private final AssessmentCompleted completion;
    private final Instant startedAt;
    private final long version;

    private Assessment(String id, Instrument instrument, Language language, Participation participation,
                       Map<Integer, Option> answers, AssessmentCompleted completion, Instant startedAt, long version) {
        this.id = id;
        this.instrument = instrument;
        this.language = language;
        this.participation = participation;
        this.answers = answers;
        this.completion = completion;
        this.startedAt = startedAt;
        this.version = version;
    }

    // ----- decisions --------------------------------------------------------------------------------

    /** Starting a new assessment is always allowed; it is taken with the current instrument. */
    public static AssessmentStarted start(AssessmentId id, Language language, Instant at) {
        return start(id, language, null, at);
    }

    /**
     * Starts an assessment in an organisation's round, for a team: the organisation admitted it
     * ({@code Organisation.admit}).
     *
     * @param participation where it is taken; null for the public test
     */
    public static AssessmentStarted start(AssessmentId id, Language language, Participation participation,
                                          Instant at) {
        return new AssessmentStarted(id.value(), Instruments.current().version(),
                Objects.requireNonNull(language, "language"), at, participation);
    }

    /**
     * Gives (or changes) the answer to a question.
     *
     * @return one {@link AnswerGiven}, or nothing when that option was already the answer
     * @throws nl.klantspiegel.domain.instrument.InvalidAnswer when the question or option does not exist
     * @throws AssessmentAlreadyCompleted                      when the assessment is completed
     */
    public List<AssessmentEvent> answer(int question, String optionKey, Instant at) {
        instrument.requireQuestion(question);
        Option option = Option.fromKey(optionKey);
        if (isCompleted()) {
            throw new AssessmentAlreadyCompleted(id);
        }
        if (option == answers.get(question)) {
            return List.of();
        }
        return List.of(new AnswerGiven(id, question, option, at));
    }

    /**
     * Completes the assessment and scores it.
     *
     * @return one {@link AssessmentCompleted}, or nothing when it was already completed
     * @throws AssessmentIncomplete when a question has no answer yet
     */
    public List<AssessmentEvent> complete(Instant at) {
        if (isCompleted()) {
            return List.of();
        }
        List<Integer> unanswered = unansweredQuestions();
        if (!unanswered.isEmpty()) {
            throw new AssessmentIncomplete(id, unanswered);
        }
        Score score = instrument.score(answers);
        return List.of(new AssessmentCompleted(id, score.instrumentVersion(), score.answers(),
                score.columnTotals(), score.total(), score.band(), at));
    }

    // ----- evolution --------------------------------------------------------------------------------

    /** The state right after an assessment was started. */
    public static Assessment startedWith(AssessmentStarted started) {
        return new Assessment(started.assessmentId(), Instruments.version(started.instrumentVersion()),
                started.language(), started.participation(), Collections.emptyMap(), null, started.at(), 0);
    }

    /** The state after one more event. */
    public Assessment evolve(AssessmentEvent event) {
        if (!id.equals(event.assessmentId())) {
            throw new IllegalArgumentException("event of assessment " + event.assessmentId() + " applied to " + id);
        }
        if (event instanceof AnswerGiven given) {
            Map<Integer, Option> changed = new TreeMap<>(answers);
            changed.put(given.question(), given.option());
            return new Assessment(id, instrument, language, participation, Collections.unmodifiableMap(changed),
                    completion, startedAt, version + 1);
        }
        if (event instanceof AssessmentCompleted completed) {
            return new Assessment(id, instrument, language, participation, answers, completed, startedAt, version + 1);
        }
        throw new IllegalArgumentException("assessment " + id + " was already started");
    }

    // ----- state ------------------------------------------------------------------------------------

    public String id() {
        return id;
    }

    public Instrument instrument() {
        return instrument;
    }

    public Language language() {
        return language;
    }

    /**
     * Where it is taken, if in an organisation's round. A round that closes after the assessment started does not
     * stop it: the respondent may still change answers and finish (only new assessments are refused).
     */
    public Optional<Participation> participation() {
        return Optional.ofNullable(participation);
    }

    /** The current answers by question number, in question order. */
    public Map<Integer, Option> answers() {
        return answers;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public boolean isCompleted() {
        return completion != null;
    }

    /** The completion with its score, once completed. */
    public Optional<AssessmentCompleted> completion() {
        return Optional.ofNullable(completion);
    }

    public List<Integer> unansweredQuestions() {
        return instrument.unanswered(answers.keySet());
    }

    /** How many events made this state, less one: the sequence number of the last event applied. */
    public long version() {
        return version;
    }
}
