package nl.klantspiegel.domain.report;

import nl.klantspiegel.domain.instrument.Instrument;
import nl.klantspiegel.domain.instrument.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a group can work on, from the instrument itself: per question, how many chose the customer-<em>oriented</em>
 * answer (the option with the most points: solving the customer's problem) and which other answer was chosen most
 * (customer-<em>friendly</em>, or worse: polite, but leaning on rules or giving in). A question is a focus area when
 * fewer than half chose the oriented answer. Computed from a group's released figures only, so it shows nothing the
 * anonymity floor has not already released.
 */
public final class FocusAreas {

    private FocusAreas() {
    }

    /**
     * One question of a group.
     *
     * @param oriented       the option with the most points
     * @param orientedShare  the share that chose it, 0–1
     * @param mostChosenOther the other option chosen most (on a tie, the one with more points: the nearer miss);
     *                        empty when everybody chose the oriented one
     */
    public record Area(int question, Option oriented, double orientedShare, Optional<Option> mostChosenOther,
                       int answered) {

        public Area {
            Objects.requireNonNull(oriented, "oriented");
            Objects.requireNonNull(mostChosenOther, "mostChosenOther");
        }

        /** Fewer than half chose the customer-oriented answer. */
        public boolean isFocus() {
            return orientedShare < 0.5;
        }
    }

    /** Every question of the group (figures hold at least one completion), the least oriented first (ties: in question order). */
    public static List<Area> of(GroupFigures figures, Instrument instrument) {
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(instrument, "instrument");
        List<Area> areas = new ArrayList<>();
        for (GroupFigures.QuestionFigures question : figures.questions()) {
            Option oriented = best(instrument, question.question());
            Option other = null;
            for (Option option : Option.values()) {
                if (option == oriented || question.options().getOrDefault(option, 0) == 0) {
                    continue;
                }
                if (other == null || chosenMore(question, instrument, option, other)) {
                    other = option;
                }
            }
            areas.add(new Area(question.question(), oriented,
                    (double) question.options().getOrDefault(oriented, 0) / Math.max(1, question.answered()),
                    Optional.ofNullable(other), question.answered()));
        }
        areas.sort(Comparator.comparingDouble(Area::orientedShare).thenComparingInt(Area::question));
        return List.copyOf(areas);
    }

    private static boolean chosenMore(GroupFigures.QuestionFigures question, Instrument instrument, Option option,
                                      Option than) {
        int count = question.options().getOrDefault(option, 0);
        int other = question.options().getOrDefault(than, 0);
        return count > other || count == other
                && instrument.points(question.question(), option) > instrument.points(question.question(), than);
    }

    private static Option best(Instrument instrument, int question) {
        Option best = Option.values()[0];
        for (Option option : Option.values()) {
            if (instrument.points(question, option) > instrument.points(question, best)) {
                best = option;
            }
        }
        return best;
    }
}
