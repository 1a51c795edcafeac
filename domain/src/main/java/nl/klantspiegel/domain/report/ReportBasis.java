package nl.klantspiegel.domain.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An organisation's released results, as its members may see them: the one place every report's figures come from.
 * Immutable; figures are computed once per group and kept.
 *
 * <p>Only released batches count (see {@code Releases}), and of them only those that hold at least the organisation's
 * minimum group size as it is now: a raised minimum withdraws the smaller batches from every figure, history included.
 * A batch counts for its round, and in the week, month, quarter and year of its release; a team's figures hold its own
 * batches, the organisation's every batch, the pooled ones too. So every group is a union of whole batches, and so is
 * whatever can be worked out from any number of them: nobody can single out fewer respondents than a batch holds.
 */
public final class ReportBasis {

    /** The time zone periods are counted in. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** The most periods one trend shows. */
    public static final int MOST_PERIODS = 600;

    private final int minimum;
    private final List<ReleasedBatch> completed;
    private final Map<GroupKey, List<Completion>> members;
    private final Optional<LocalDate> firstDay;
    private final Map<GroupKey, GroupReport> reports = new ConcurrentHashMap<>();

    private ReportBasis(int minimum, List<ReleasedBatch> completed) {
        this.minimum = minimum;
        this.completed = completed;
        this.members = members(completed);
        this.firstDay = completed.stream().map(batch -> day(batch.releasedAt())).min(LocalDate::compareTo);
    }

    /**
     * @param completed the released batches of completed assessments
     * @param minimum   the organisation's minimum group size as it is now: smaller batches do not count
     */
    public static ReportBasis of(List<ReleasedBatch> completed, int minimum) {
        if (minimum < 1) {
            throw new IllegalArgumentException("the minimum group size is at least 1, not " + minimum);
        }
        return new ReportBasis(minimum, counted(completed, minimum));
    }

    private static List<ReleasedBatch> counted(List<ReleasedBatch> batches, int minimum) {
        return batches.stream().filter(batch -> batch.size() >= minimum)
                .sorted(Comparator.comparingLong(ReleasedBatch::release)
                        .thenComparing(ReleasedBatch::roundId)
                        .thenComparing(ReleasedBatch::teamId, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /** The groups a batch counts in: its round and the periods of its release, for its team and the organisation. */
    private static List<GroupKey> groupsOf(ReleasedBatch batch) {
        List<GroupKey> groups = new ArrayList<>();
        LocalDate day = day(batch.releasedAt());
        List<String> teams = new ArrayList<>();
        teams.add(null);
        if (!batch.pooled()) {
            teams.add(batch.teamId());
        }
        for (String team : teams) {
            groups.add(new GroupKey(team, batch.roundId(), null));
            for (Granularity granularity : Granularity.values()) {
                groups.add(new GroupKey(team, null, granularity.periodOf(day)));
            }
        }
        return groups;
    }

    private static Map<GroupKey, List<Completion>> members(List<ReleasedBatch> batches) {
        Map<GroupKey, List<Completion>> members = new HashMap<>();
        for (ReleasedBatch batch : batches) {
            for (GroupKey group : groupsOf(batch)) {
                members.computeIfAbsent(group, key -> new ArrayList<>()).addAll(batch.completions());
            }
        }
        return members;
    }

    private static LocalDate day(Instant moment) {
        return moment.atZone(ZONE).toLocalDate();
    }

    public int minimumGroupSize() {
        return minimum;
    }

    /** The released batches of completed assessments that count, in order of release. */
    public List<ReleasedBatch> batches() {
        return completed;
    }

    /** A group's released completed assessments: for figures of another kind over the same groups (a re-scoring). */
    public List<Completion> members(GroupKey group) {
        return List.copyOf(members.getOrDefault(group, List.of()));
    }

    /**
     * The released completed assessments one by one (a spreadsheet's rows): each with its batch, in order of round,
     * team (pooled last) and assessment id — a random id: never the order in which people took the test.
     */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (ReleasedBatch batch : completed) {
            batch.completions().forEach(completion -> rows.add(new Row(completion, batch)));
        }
        rows.sort(Comparator.comparing((Row row) -> row.batch().roundId())
                .thenComparing(row -> row.batch().teamId(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(row -> row.completion().assessmentId()));
        return rows;
    }

    /** One released completed assessment and the batch it was released in (which says its team, or pooled). */
    public record Row(Completion completion, ReleasedBatch batch) {
    }

    /** The day of the first release that counts, if any. */
    public Optional<LocalDate> firstDay() {
        return firstDay;
    }

    /** Whether a team has released completed assessments of its own. */
    public boolean hasCompletionsOf(String teamId) {
        return completed.stream().anyMatch(batch -> teamId.equals(batch.teamId()));
    }

    /** How many released completed assessments a group holds. */
    public int size(GroupKey group) {
        return members.getOrDefault(group, List.of()).size();
    }

    /** The figures of one group (none when nothing of it was released). */
    public GroupReport report(GroupKey key) {
        return reports.computeIfAbsent(key, this::compute);
    }

    private GroupReport compute(GroupKey key) {
        List<Completion> members = this.members.getOrDefault(key, List.of());
        return new GroupReport(key, members.isEmpty() ? Optional.empty() : Optional.of(GroupFigures.of(members)));
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
     * mean total scores (this round minus the other) and its 95 % confidence interval when both sides have figures.
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
     * since the previous round when both have figures.
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
                    OptionalDouble before = previous.flatMap(earlier -> earlier.question(question))
                            .map(earlier -> OptionalDouble.of(earlier.meanPoints())).orElse(OptionalDouble.empty());
                    cells.add(new HeatmapCell(question, now.meanPoints(), before));
                });
            }
        });
        return new HeatmapRow(group, cells);
    }

    private int[] totals(GroupKey key) {
        return members.getOrDefault(key, List.of()).stream().mapToInt(Completion::total).toArray();
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

    /** One group in both rounds; the difference only when both have figures and each holds at least two. */
    public record ComparedGroup(String teamId, GroupReport round, GroupReport other,
                                Optional<Statistics.Difference> difference) {
    }

    public record Heatmap(String roundId, String previousRoundId, List<Integer> questions, HeatmapRow reference,
                          List<HeatmapRow> rows) {
    }

    /** A group's row: no cells when nothing of it was released. */
    public record HeatmapRow(GroupReport group, List<HeatmapCell> cells) {
    }

    /** Mean points of one question, and those of the previous round when that has figures. */
    public record HeatmapCell(int question, double meanPoints, OptionalDouble previousMeanPoints) {

        public OptionalDouble change() {
            return previousMeanPoints.isPresent() ? OptionalDouble.of(meanPoints - previousMeanPoints.getAsDouble())
                    : OptionalDouble.empty();
        }
    }

    @Override
    public String toString() {
        return "ReportBasis[" + completed.size() + " batches, minimum " + minimum + "]";
    }
}
