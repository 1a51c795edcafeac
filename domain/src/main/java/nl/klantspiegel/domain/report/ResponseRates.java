package nl.klantspiegel.domain.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What share of a round's people took part: per team the released completed tests against the headcount its admins
 * gave, and for the whole round against the sum of its teams' headcounts (when every team has one).
 *
 * <p>Only released figures count, the same that every report shows: a team's number grows by whole batches of at
 * least the minimum group size, never by one respondent, and a team too small to be released on its own counts only in
 * the round's pooled total. So a response rate names nobody that the reports do not already show as a number; nor
 * does it ever count who started and did not finish.
 */
public record ResponseRates(ResponseRate round, List<ResponseRate> teams) {

    public ResponseRates {
        Objects.requireNonNull(round, "round");
        teams = List.copyOf(teams);
    }

    /**
     * @param report     the round as the caller sees it (its teams: those the caller may see)
     * @param roundTeams every team the round covers, for the round's total headcount
     * @param headcounts per team its headcount; a team without one is missing or maps to null
     */
    public static ResponseRates of(ReportBasis.RoundReport report, Collection<String> roundTeams,
                                   Map<String, Integer> headcounts) {
        Integer total = 0;
        for (String team : roundTeams) {
            Integer headcount = headcounts.get(team);
            if (headcount == null) {
                total = null;
                break;
            }
            total += headcount;
        }
        if (roundTeams.isEmpty()) {
            total = null;
        }
        List<ResponseRate> teams = new ArrayList<>();
        for (GroupReport team : report.teams()) {
            teams.add(new ResponseRate(team.key(), headcounts.get(team.key().teamId()), team.n()));
        }
        return new ResponseRates(new ResponseRate(report.organisation().key(), total, report.organisation().n()), teams);
    }

    /**
     * One group's share.
     *
     * @param headcount how many people it has; null when unknown
     * @param completed its released completed tests
     */
    public record ResponseRate(GroupKey key, Integer headcount, int completed) {

        public ResponseRate {
            Objects.requireNonNull(key, "key");
            if (headcount != null && headcount < 1 || completed < 0) {
                throw new IllegalArgumentException("headcount " + headcount + ", completed " + completed);
            }
        }

        /** Completed against headcount (above 1 when the headcount is out of date); empty without a headcount. */
        public OptionalDouble rate() {
            return headcount == null ? OptionalDouble.empty() : OptionalDouble.of((double) completed / headcount);
        }

        /** More took part than the headcount says: the headcount is out of date. */
        public boolean exceedsHeadcount() {
            return headcount != null && completed > headcount;
        }
    }
}
