package nl.klantspiegel.domain.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An organisation's completed (and started) assessments with the anonymity floor decided over them: the one place
 * every report's figures come from. Immutable; figures are computed once per group and kept.
 */
public final class ReportBasis {

    /** The time zone periods are counted in. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** The most periods one trend shows. */
    public static final int MOST_PERIODS = 600;

    private final List<Completion> completions;
    private final Map<String, Map<String, Integer>> started;
    private final AnonymityFloor floor;
    private final Map<GroupKey, List<Completion>> members;
    private final Optional<LocalDate> firstDay;
    private final Map<GroupKey, GroupReport> reports = new ConcurrentHashMap<>();

    private ReportBasis(List<Completion> completions, Map<String, Map<String, Integer>> started, AnonymityFloor floor) {
        this.completions = completions;
        this.started = started;
        this.floor = floor;
        this.members = members(completions);
        this.firstDay = completions.stream().map(completion -> completion.completedAt().atZone(ZONE).toLocalDate())
                .min(LocalDate::compareTo);
    }

    /**
     * Every group a report can show, with its completed assessments: each assessment is filed once under the ten
     * groups it belongs to (its team and the organisation, each per week, month, quarter, year and in its round), so
     * that a group's figures cost its own size, not the organisation's.
     */
    private static Map<GroupKey, List<Completion>> members(List<Completion> completions) {
        Map<GroupKey, List<Completion>> members = new java.util.HashMap<>();
        for (Completion completion : completions) {
            LocalDate day = completion.completedAt().atZone(ZONE).toLocalDate();
            for (String team : new String[] {completion.teamId(), null}) {
                for (Granularity granularity : Granularity.values()) {
                    members.computeIfAbsent(new GroupKey(team, null, granularity.periodOf(day)),
                            key -> new ArrayList<>()).add(completion);
                }
                members.computeIfAbsent(new GroupKey(team, completion.roundId(), null), key -> new ArrayList<>())
                        .add(completion);
            }
        }
        return members;
    }

    /**
     * @param completions every completed assessment of the organisation
     * @param started     per round, per team, how many assessments were started
     * @param minimum     the organisation's minimum group size
     */
    public static ReportBasis of(List<Completion> completions, Map<String, Map<String, Integer>> started,
                                 int minimum) {
        List<Completion> copy = List.copyOf(completions);
        Map<String, Map<String, Integer>> startedCopy = Map.copyOf(started);
        return new ReportBasis(copy, startedCopy, AnonymityFloor.decide(copy, minimum, ZONE));
    }

    public int minimumGroupSize() {
        return floor.minimum();
    }

    /**
     * A group's completed assessments when its figures are shown; empty when the floor hides them. For figures of
     * another kind over the same groups (a re-scoring): the same groups hidden as in every report.
     */
    public Optional<List<Completion>> shownMembers(GroupKey group) {
        if (floor.suppression(group).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(members.getOrDefault(group, List.of())));
    }

    /**
     * The completed assessments that may be given one by one (a spreadsheet's rows): those of a team in a round whose
     * figures are shown. Rows of a hidden team-in-round group would be its figures; and what the rows leave out of a
     * round — round minus shown teams — is a combination of shown groups, which the floor keeps at zero or at least
     * the minimum. In order of round, team and assessment id (a random id: never the order in which people took it).
     */
    public List<Completion> shownOneByOne() {
        return completions.stream()
                .filter(completion -> floor.suppression(GroupKey.teamInRound(completion.teamId(), completion.roundId()))
                        .isEmpty())
                .sorted(java.util.Comparator.comparing(Completion::roundId).thenComparing(Completion::teamId)
                        .thenComparing(Completion::assessmentId))
                .toList();
    }

    public AnonymityFloor floor() {
        return floor;
    }

    /** The day of the first completed assessment, if any. */
    public Optional<LocalDate> firstDay() {
        return firstDay;
    }

    /** Whether a team has any completed assessment. */
    public boolean hasCompletionsOf(String teamId) {
        return completions.stream().anyMatch(completion -> completion.teamId().equals(teamId));
    }

    /** The figures of one group, or why they are suppressed. */
    public GroupReport report(GroupKey key) {
        return reports.computeIfAbsent(key, this::compute);
    }

    private GroupReport compute(GroupKey key) {
        Optional<SuppressionReason> suppression = floor.suppression(key);
        if (suppression.isPresent()) {
            return new GroupReport(key, suppression, Optional.empty(), OptionalInt.empty());
        }
        List<Completion> members = completions(key);
        OptionalInt startedCount = OptionalInt.empty();
        if (key.roundId() != null && key.period() == null) {
            Map<String, Integer> byTeam = started.getOrDefault(key.roundId(), Map.of());
            startedCount = OptionalInt.of(key.teamId() == null
                    ? byTeam.values().stream().mapToInt(Integer::intValue).sum()
                    : byTeam.getOrDefault(key.teamId(), 0));
        }
        return new GroupReport(key, suppression,
                members.isEmpty() ? Optional.empty() : Optional.of(GroupFigures.of(members)), startedCount);
    }

    private List<Completion> completions(GroupKey key) {
        if (key.roundId() == null || key.period() == null) {
            return members.getOrDefault(key, List.of());
        }
        // a group no report shows (a round in a period): found the long way
        return completions.stream().filter(completion -> key.contains(completion, ZONE)).toList();
    }

    /**
     * The trend: per period from the one holding {@code from} to the one holding {@code to}, a series for the
     * organisation (when asked) and one per team.
     */
    public Trend trend(Granularity granularity, LocalDate from, LocalDate to, List<String> teamIds,
                       boolean organisation) {
        List<Period> periods = Period.between(granularity, from, to, MOST_PERIODS);
        List<Series> series = new ArrayList<>();
        if (organisation) {
            series.add(new Series(null, periods.stream().map(period -> report(GroupKey.organisationIn(period)))
                    .toList()));
        }
        for (String team : teamIds) {
            series.add(new Series(team, periods.stream().map(period -> report(GroupKey.teamIn(team, period)))
                    .toList()));
        }
        return new Trend(granularity, periods, series);
    }

    /** One round: the whole round and each of the given teams in it. */
    public RoundReport round(String roundId, List<String> teamIds) {
        return new RoundReport(roundId, report(GroupKey.round(roundId)),
                teamIds.stream().map(team -> report(GroupKey.teamInRound(team, roundId))).toList());
    }

    /**
     * Two rounds side by side, for the whole organisation and each of the given teams, with the difference of the
     * mean total scores (this round minus the other) and its 95 % confidence interval when both sides are shown.
     */
    public Comparison comparison(String roundId, String otherRoundId, List<String> teamIds) {
        List<ComparedGroup> groups = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        keys.add(null);
        keys.addAll(teamIds);
        for (String team : keys) {
            GroupKey first = new GroupKey(team, roundId, null);
            GroupKey second = new GroupKey(team, otherRoundId, null);
            GroupReport one = report(first);
            GroupReport other = report(second);
            Optional<Statistics.Difference> difference = Optional.empty();
            if (one.figures().isPresent() && other.figures().isPresent()) {
                difference = Statistics.differenceOfMeans(totals(first), totals(second));
            }
            groups.add(new ComparedGroup(team, one, other, difference));
        }
        return new Comparison(roundId, otherRoundId, groups);
    }

    /**
     * Teams × questions in one round (mean points), the organisation's row as the reference, and per cell the change
     * since the previous round when both are shown.
     *
     * @param previousRoundId the round before, or null
     * @param questions       the instrument's question numbers
     */
    public Heatmap heatmap(String roundId, String previousRoundId, List<String> teamIds, List<Integer> questions) {
        HeatmapRow reference = heatmapRow(null, roundId, previousRoundId, questions);
        List<HeatmapRow> rows = teamIds.stream().map(team -> heatmapRow(team, roundId, previousRoundId, questions))
                .toList();
        return new Heatmap(roundId, previousRoundId, questions, reference, rows);
    }

    private HeatmapRow heatmapRow(String team, String roundId, String previousRoundId, List<Integer> questions) {
        GroupReport group = report(new GroupKey(team, roundId, null));
        Optional<GroupFigures> previous = previousRoundId == null ? Optional.empty()
                : report(new GroupKey(team, previousRoundId, null)).figures();
        List<HeatmapCell> cells = new ArrayList<>();
        group.figures().ifPresent(figures -> {
            for (int question : questions) {
                figures.question(question).ifPresent(now -> {
                    OptionalDouble before = previous.flatMap(figures1 -> figures1.question(question))
                            .map(earlier -> OptionalDouble.of(earlier.meanPoints())).orElse(OptionalDouble.empty());
                    cells.add(new HeatmapCell(question, now.meanPoints(), before));
                });
            }
        });
        return new HeatmapRow(group, cells);
    }

    private int[] totals(GroupKey key) {
        return completions(key).stream().mapToInt(Completion::total).toArray();
    }

    /** A trend: its periods and, per series (the organisation has team id null), one group report per period. */
    public record Trend(Granularity granularity, List<Period> periods, List<Series> series) {
    }

    public record Series(String teamId, List<GroupReport> points) {
    }

    public record RoundReport(String roundId, GroupReport organisation, List<GroupReport> teams) {
    }

    public record Comparison(String roundId, String otherRoundId, List<ComparedGroup> groups) {
    }

    /** One group in both rounds; the difference only when both are shown and each holds at least two. */
    public record ComparedGroup(String teamId, GroupReport round, GroupReport other,
                                Optional<Statistics.Difference> difference) {
    }

    public record Heatmap(String roundId, String previousRoundId, List<Integer> questions, HeatmapRow reference,
                          List<HeatmapRow> rows) {
    }

    /** A group's row: no cells when it is suppressed or empty. */
    public record HeatmapRow(GroupReport group, List<HeatmapCell> cells) {
    }

    /** Mean points of one question, and those of the previous round when that is shown. */
    public record HeatmapCell(int question, double meanPoints, OptionalDouble previousMeanPoints) {

        public OptionalDouble change() {
            return previousMeanPoints.isPresent() ? OptionalDouble.of(meanPoints - previousMeanPoints.getAsDouble())
                    : OptionalDouble.empty();
        }
    }

    @Override
    public String toString() {
        return "ReportBasis[" + completions.size() + " completed, minimum " + floor.minimum() + "]";
    }

}
