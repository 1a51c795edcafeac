package nl.klantspiegel.domain.instrument;

/**
 * The column totals of the paper form: the points of the questions answered "a" add up in column a,
 * and so on.
 */
public record ColumnTotals(int a, int b, int c) {

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
