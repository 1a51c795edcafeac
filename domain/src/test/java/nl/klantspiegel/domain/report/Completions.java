package nl.klantspiegel.domain.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import nl.klantspiegel.domain.instrument.Instrument;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;

/** Completed assessments for report tests, scored by the current instrument. */
final class Completions {

    private static final Instrument INSTRUMENT = Instruments.current();
    private static int next;

    private final List<Completion> made = new ArrayList<>();

    /** {@code answers} as the six option keys in question order, e.g. "abcabc". */
    static Completion completed(String team, String round, String at, String answers) {
        Map<Integer, Option> chosen = new HashMap<>();
        for (int question = 1; question <= answers.length(); question++) {
            chosen.put(question, Option.fromKey(String.valueOf(answers.charAt(question - 1))));
        }
        Score score = INSTRUMENT.score(chosen);
        String id = String.format("00000000-0000-4000-8000-%012d", ++next);
        return new Completion(id, round, team, Instant.parse(at), score.instrumentVersion(), score.answers(),
                score.band());
    }

    /** {@code count} alike completions. */
    Completions add(int count, String team, String round, String at, String answers) {
        for (int i = 0; i < count; i++) {
            made.add(completed(team, round, at, answers));
        }
        return this;
    }

    List<Completion> all() {
        return List.copyOf(made);
    }
}
