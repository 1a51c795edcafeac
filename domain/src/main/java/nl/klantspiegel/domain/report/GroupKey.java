package nl.klantspiegel.domain.report;

/**
 * A group the reports can show: a team or the whole organisation ({@code teamId} null), in one round or in all of
 * them ({@code roundId} null), in one period or over all time ({@code period} null).
 */
public record GroupKey(String teamId, String roundId, Period period) {

    public static GroupKey organisationIn(Period period) {
        return new GroupKey(null, null, period);
    }

    public static GroupKey teamIn(String teamId, Period period) {
        return new GroupKey(java.util.Objects.requireNonNull(teamId, "teamId"), null, period);
    }

    public static GroupKey round(String roundId) {
        return new GroupKey(null, java.util.Objects.requireNonNull(roundId, "roundId"), null);
    }

    public static GroupKey teamInRound(String teamId, String roundId) {
        return new GroupKey(java.util.Objects.requireNonNull(teamId, "teamId"),
                java.util.Objects.requireNonNull(roundId, "roundId"), null);
    }

}
