package nl.klantspiegel.domain.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.ScoredAnswer;

/**
 * The figures of a group of completed assessments: how many, the total score's mean with its 95 % confidence
 * interval, the band distribution, the mean column totals, and per question the mean points and the distribution over
 * the options. Sums and counts only (a mean is a sum, its interval rests on the sum of squares): whatever is added and
 * subtracted of them is a figure of a union of groups. No minimum, maximum or median: each is one respondent's score.
 */
public record GroupFigures(int n, double mean, Optional<Statistics.Interval> ci95, Map<Band, Integer> bands, double meanColumnA, double meanColumnB, double meanColumnC,
                           List<QuestionFigures> questions, List<String> assessmentIds) {

    /**
     * @param assessmentIds the assessments the figures are computed from: never shown to anyone (a report names no
     *                      assessment), kept so that a test or an audit can trace a figure to what it rests on
     */
    public GroupFigures {
        bands = Collections.unmodifiableMap(new EnumMap<>(bands));
        questions = List.copyOf(questions);
        assessmentIds = List.copyOf(assessmentIds);
    }

    /** @throws IllegalArgumentException when there are no completions */
    public static GroupFigures of(List<Completion> completions) {
        if (completions.isEmpty()) {
            throw new IllegalArgumentException("figures need at least one completed assessment");
        }
        int n = completions.size();
        int[] totals = completions.stream().mapToInt(Completion::total).toArray();
        Map<Band, Integer> bands = new EnumMap<>(Band.class);
        for (Band band : Band.values()) {
            bands.put(band, 0);
        }
        long a = 0;
        long b = 0;
        long c = 0;
        SortedSet<Integer> questionNumbers = new TreeSet<>();
        for (Completion completion : completions) {
            bands.merge(completion.band(), 1, Integer::sum);
            ColumnTotals columns = completion.columns();
            a += columns.a();
            b += columns.b();
            c += columns.c();
            completion.answers().forEach(answer -> questionNumbers.add(answer.question()));
        }
        List<QuestionFigures> questions = new ArrayList<>();
        for (int question : questionNumbers) {
            questions.add(QuestionFigures.of(question, completions));
        }
        return new GroupFigures(n, Statistics.mean(totals), Statistics.meanConfidenceInterval(totals), bands, (double) a / n, (double) b / n,
                (double) c / n, questions, completions.stream().map(Completion::assessmentId).sorted().toList());
    }

    /** The share of a band, in percent of {@code n}. */
    public double bandPercent(Band band) {
        return 100.0 * bands.get(band) / n;
    }

    public Optional<QuestionFigures> question(int question) {
        return questions.stream().filter(figures -> figures.question() == question).findFirst();
    }

    /** One question: the mean points and how many chose each option. */
    public record QuestionFigures(int question, double meanPoints, Map<Option, Integer> options, int answered) {

        public QuestionFigures {
            options = Collections.unmodifiableMap(new EnumMap<>(options));
        }

        static QuestionFigures of(int question, List<Completion> completions) {
            Map<Option, Integer> options = new EnumMap<>(Option.class);
            for (Option option : Option.values()) {
                options.put(option, 0);
            }
            long points = 0;
            int answered = 0;
            for (Completion completion : completions) {
                ScoredAnswer answer = completion.answer(question);
                if (answer != null) {
                    options.merge(answer.option(), 1, Integer::sum);
                    points += answer.points();
                    answered++;
                }
            }
            return new QuestionFigures(question, (double) points / answered, options, answered);
        }

        /** The share of an option, in percent of those who answered the question. */
        public double percent(Option option) {
            return 100.0 * options.get(option) / answered;
        }
    }
}
