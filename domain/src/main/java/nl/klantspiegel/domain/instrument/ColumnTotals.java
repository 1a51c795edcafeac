package nl.klantspiegel.domain.instrument;

/**
 * The column totals of the paper form: the points of the questions answered "a" add up in column a,
 * and so on.
 */
public record ColumnTotals(int a, int b, int c) {

    /** The column totals of scored answers. */
    public static ColumnTotals of(java.util.Collection<ScoredAnswer> answers) {
        ColumnTotals totals = new ColumnTotals(0, 0, 0);
        for (ScoredAnswer answer : answers) {
            totals = totals.plus(answer.option(), answer.points());
        }
        return totals;
    }

    public int total() {
        return a + b + c;
    }

    ColumnTotals plus(Option option, int points) {
        return switch (option) {
            case A -> new ColumnTotals(a + points, b, c);
            case B -> new ColumnTotals(a, b + points, c);
            case C -> new ColumnTotals(a, b, c + points);
        };
    }
}
