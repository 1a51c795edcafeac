package nl.klantspiegel.domain.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Someone who sees every shown group's figures and adds and subtracts them: which small sets of assessments can they
 * isolate? Worked out independently of {@link AnonymityFloor}: over the single assessments (not cells), in doubles,
 * by the rank of the shown groups' indicators with and without the set.
 */
final class Attacker {

    private final List<Completion> completions;
    private int minimum;
    private final List<double[]> shown = new ArrayList<>();

    private Attacker(List<Completion> completions, int minimum) {
        this.completions = completions;
        this.minimum = minimum;
    }

    /** An attacker who sees every group the floor shows (or only those {@code visible} accepts). */
    static Attacker seeing(List<Completion> completions, AnonymityFloor floor, java.util.function.Predicate<GroupKey> visible) {
        Attacker attacker = new Attacker(completions, floor.minimum());
        floor.decisions().forEach((group, suppression) -> {
            if (suppression.isEmpty() && visible.test(group)) {
                attacker.shown.add(attacker.indicator(group));
            }
        });
        return attacker;
    }

    /** The same attacker judging with another minimum group size. */
    Attacker against(int otherMinimum) {
        this.minimum = otherMinimum;
        return this;
    }

    /** The small sets (1 to minimum − 1 assessments) this attacker can isolate, described; empty when none. */
    List<String> isolatedSmallSets() {
        Map<String, double[]> candidates = new LinkedHashMap<>();
        for (Completion completion : completions) {
            LocalDate day = completion.completedAt().atZone(ReportBasis.ZONE).toLocalDate();
            for (String team : new String[] {completion.teamId(), null}) {
                for (String round : new String[] {completion.roundId(), null}) {
                    List<Period> periods = new ArrayList<>();
                    for (Granularity granularity : Granularity.values()) {
                        periods.add(granularity.periodOf(day));
                    }
                    periods.add(null);
                    for (Period period : periods) {
                        GroupKey set = new GroupKey(team, round, period);
                        candidates.computeIfAbsent(set.toString(), key -> indicator(set));
                    }
                }
            }
            double[] single = new double[completions.size()];
            single[completions.indexOf(completion)] = 1;
            candidates.put("the single assessment " + completion.assessmentId(), single);
        }
        int rank = rank(shown);
        List<String> isolated = new ArrayList<>();
        candidates.forEach((name, vector) -> {
            double size = java.util.Arrays.stream(vector).sum();
            if (size >= 1 && size < minimum) {
                List<double[]> with = new ArrayList<>(shown);
                with.add(vector);
                if (rank(with) == rank) {
                    isolated.add(name + " (" + (int) size + ")");
                }
            }
        });
        return isolated;
    }

    private double[] indicator(GroupKey group) {
        double[] vector = new double[completions.size()];
        for (int i = 0; i < completions.size(); i++) {
            if (group.contains(completions.get(i), ReportBasis.ZONE)) {
                vector[i] = 1;
            }
        }
        return vector;
    }

    private static int rank(List<double[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        double[][] matrix = rows.stream().map(double[]::clone).toArray(double[][]::new);
        int width = matrix[0].length;
        int rank = 0;
        for (int column = 0; column < width && rank < matrix.length; column++) {
            int pivot = rank;
            for (int row = rank + 1; row < matrix.length; row++) {
                if (Math.abs(matrix[row][column]) > Math.abs(matrix[pivot][column])) {
                    pivot = row;
                }
            }
            if (Math.abs(matrix[pivot][column]) < 1e-9) {
                continue;
            }
            double[] swap = matrix[pivot];
            matrix[pivot] = matrix[rank];
            matrix[rank] = swap;
            for (int row = 0; row < matrix.length; row++) {
                if (row != rank) {
                    double factor = matrix[row][column] / matrix[rank][column];
                    if (factor != 0) {
                        for (int c = column; c < width; c++) {
                            matrix[row][c] -= factor * matrix[rank][c];
                        }
                    }
                }
            }
            rank++;
        }
        return rank;
    }



}
