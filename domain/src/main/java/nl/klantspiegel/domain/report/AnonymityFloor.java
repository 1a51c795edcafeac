package nl.klantspiegel.domain.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which groups an organisation's reports may show, so that nobody learns the figures of fewer completed
 * assessments than the minimum group size — neither directly nor by adding and subtracting figures that are shown.
 *
 * <h2>Cells and groups</h2>
 * Every group a report can show is a union of <em>cells</em>: the completed assessments of one team, in one round,
 * on the days one ISO week and one calendar month have in common. A team's or the organisation's week, month,
 * quarter or year, a round and a team in a round are each such a union. Whoever sees the figures of some groups can
 * add and subtract them (n times the mean is a sum; so are the band and option counts), and so learns the figures of
 * every set of cells whose indicator is a linear combination of the shown groups' indicators.
 *
 * <h2>The rule</h2>
 * <ol>
 *   <li><b>Primary suppression.</b> A group with at least one and fewer than the minimum completed assessments is
 *       not shown ({@link SuppressionReason#BELOW_MINIMUM}). A group without any is shown as empty: it reveals
 *       nothing.</li>
 *   <li><b>Complementary suppression.</b> No small set (one to minimum − 1 assessments) may be a linear combination
 *       of the shown groups. The sets checked are every group, every intersection of a team (or all teams), a round
 *       (or all rounds) and a period (or all time) — a team in a round in a month, a round's stragglers in a quarter
 *       — and every single cell. Whether a set is such a combination is decided exactly, by Gaussian elimination
 *       over the cells (modulo the prime 2<sup>31</sup> − 1: a set found to be a combination there may in rare cases
 *       not be one over the rationals, which errs on the safe side). While one is, one more group of those that
 *       make it up is suppressed ({@link SuppressionReason#COMPLEMENTARY}): the one worth least — smallest, then
 *       finest (a week before a month, a month before a quarter, a quarter before a year, a year before a round as a
 *       whole), team before organisation. Every step suppresses a group, so it ends.</li>
 * </ol>
 * The decisions cover every group of every report at once and do not depend on which report is asked, by whom, or
 * in what order the assessments arrived: a figure is shown or hidden alike in the trend, the round report, the
 * comparison, the heatmap and every export. A team lead sees a part of the shown groups; every combination of a
 * part is a combination of the whole, so a part of a safe set is safe.
 *
 * <h2>Cost</h2>
 * Groups that share no cell cannot be combined, so each connected part (in practice: a year, with the rounds that
 * reach into it) is decided on its own. One elimination costs about groups × cells² steps of its part; a pass checks
 * every small set against one elimination and hides a group for each set found (whose combination does not use a
 * group hidden in the same pass), and passes repeat until one finds nothing. Callers keep the result until the
 * assessments change.
 */
public final class AnonymityFloor {

    private static final long PRIME = 2_147_483_647L;
    private static final int SPAN = 5; // the groups a cell lies in, for one team key: 4 periods and its round

    private final int minimum;
    private final Map<GroupKey, Integer> sizes;
    private final Map<GroupKey, SuppressionReason> suppressed;

    private AnonymityFloor(int minimum, Map<GroupKey, Integer> sizes, Map<GroupKey, SuppressionReason> suppressed) {
        this.minimum = minimum;
        this.sizes = sizes;
        this.suppressed = suppressed;
    }

    /**
     * @param completions every completed assessment of the organisation
     * @param minimum     the organisation's minimum group size (at least 1)
     * @param zone        the time zone the periods are counted in
     */
    public static AnonymityFloor decide(List<Completion> completions, int minimum, ZoneId zone) {
        if (minimum < 1) {
            throw new IllegalArgumentException("the minimum group size is at least 1, not " + minimum);
        }
        Cells cells = Cells.of(completions, zone);
        int groupCount = cells.groups.size();
        Map<GroupKey, SuppressionReason> suppressed = new HashMap<>();
        BitSet shown = new BitSet(groupCount);
        for (int group = 0; group < groupCount; group++) {
            if (cells.groupSizes[group] >= minimum) {
                shown.set(group);
            } else {
                suppressed.put(cells.groups.get(group), SuppressionReason.BELOW_MINIMUM);
            }
        }
        Comparator<Integer> leastValuable = Comparator.<Integer>comparingInt(group -> cells.groupSizes[group])
                .thenComparingInt(group -> fineness(cells.groups.get(group)))
                .thenComparingInt(group -> cells.groups.get(group).teamId() == null ? 1 : 0)
                .thenComparingInt(group -> group);
        List<Integer> insertionOrder = new ArrayList<>();
        for (int group = 0; group < groupCount; group++) {
            insertionOrder.add(group);
        }
        insertionOrder.sort(leastValuable.reversed());
        // groups that share no cell cannot be combined into anything: each connected part is decided on its own
        int[] part = cells.parts();
        List<BitSet> smallSets = cells.smallSets(minimum);
        for (int current : java.util.Arrays.stream(part).distinct().sorted().toArray()) {
            int[] local = new int[cells.cellCount()];
            int width = 0;
            for (int cell = 0; cell < cells.cellCount(); cell++) {
                local[cell] = part[cell] == current ? width++ : -1;
            }
            List<Integer> groups = insertionOrder.stream()
                    .filter(group -> part[cells.anyCellOf(group)] == current).toList();
            List<BitSet> sets = smallSets.stream().filter(set -> part[set.nextSetBit(0)] == current).toList();
            // Each pass checks every small set against one elimination and hides a group for each set found, as
            // long as that set's combination does not use a group already hidden in this pass (then the set is
            // looked at again in the next pass, against a fresh elimination). The passes end when one finds none.
            boolean found = true;
            while (found) {
                found = false;
                Basis basis = new Basis(width, local);
                for (int group : groups) {
                    if (shown.get(group)) {
                        basis.add(cells.indicator(group, local, width), group);
                    }
                }
                BitSet hiddenInThisPass = new BitSet();
                for (BitSet set : sets) {
                    BitSet derivation = basis.derivation(set);
                    if (derivation == null || derivation.intersects(hiddenInThisPass)) {
                        found |= derivation != null;
                        continue;
                    }
                    found = true;
                    int victim = derivation.stream().boxed().min(leastValuable).orElseThrow();
                    shown.clear(victim);
                    hiddenInThisPass.set(victim);
                    suppressed.put(cells.groups.get(victim), SuppressionReason.COMPLEMENTARY);
                }
            }
        }
        Map<GroupKey, Integer> sizes = new HashMap<>();
        for (int group = 0; group < groupCount; group++) {
            sizes.put(cells.groups.get(group), cells.groupSizes[group]);
        }
        return new AnonymityFloor(minimum, Map.copyOf(sizes), Map.copyOf(suppressed));
    }

    /** Finer groups are suppressed first: weeks, months, quarters, years, then rounds as a whole. */
    private static int fineness(GroupKey group) {
        return group.period() == null ? Granularity.values().length : group.period().granularity().ordinal();
    }

    public int minimum() {
        return minimum;
    }

    /** Why a group is not shown; empty when it may be (which includes every group without any assessment). */
    public Optional<SuppressionReason> suppression(GroupKey group) {
        return Optional.ofNullable(suppressed.get(group));
    }

    /** How many completed assessments a group holds (0 for a group without any). */
    public int size(GroupKey group) {
        return sizes.getOrDefault(group, 0);
    }

    /** Every group that holds an assessment, with its decision: for tests and for tracing a figure. */
    public Map<GroupKey, Optional<SuppressionReason>> decisions() {
        Map<GroupKey, Optional<SuppressionReason>> decisions = new HashMap<>();
        sizes.keySet().forEach(group -> decisions.put(group, suppression(group)));
        return decisions;
    }

    /** The cells, the groups each lies in, and the sets whose figures must never be learnt. */
    private static final class Cells {

        private final List<int[]> cellGroups = new ArrayList<>();
        private final List<Integer> cellSizes = new ArrayList<>();
        private final List<List<GroupKey>> cellSets = new ArrayList<>();
        private final List<GroupKey> groups = new ArrayList<>();
        private int[] groupSizes;

        static Cells of(List<Completion> completions, ZoneId zone) {
            List<Completion> ordered = new ArrayList<>(completions);
            ordered.sort(Comparator.comparing(Completion::completedAt).thenComparing(Completion::assessmentId));
            Cells cells = new Cells();
            Map<List<Object>, Integer> cellIndex = new HashMap<>();
            Map<GroupKey, Integer> groupIndex = new HashMap<>();
            for (Completion completion : ordered) {
                LocalDate day = completion.completedAt().atZone(zone).toLocalDate();
                List<Object> cell = List.of(completion.teamId(), completion.roundId(),
                        Granularity.WEEK.periodOf(day).start(), Granularity.MONTH.periodOf(day).start());
                Integer index = cellIndex.get(cell);
                if (index == null) {
                    index = cells.cellGroups.size();
                    cellIndex.put(cell, index);
                    int[] containing = new int[2 * SPAN];
                    List<GroupKey> sets = new ArrayList<>();
                    int next = 0;
                    for (String team : new String[] {completion.teamId(), null}) {
                        for (Granularity granularity : Granularity.values()) {
                            GroupKey group = new GroupKey(team, null, granularity.periodOf(day));
                            containing[next++] = cells.indexOf(group, groupIndex);
                            sets.add(group);
                            sets.add(new GroupKey(team, completion.roundId(), granularity.periodOf(day)));
                        }
                        GroupKey round = new GroupKey(team, completion.roundId(), null);
                        containing[next++] = cells.indexOf(round, groupIndex);
                        sets.add(round);
                    }
                    cells.cellGroups.add(containing);
                    cells.cellSizes.add(0);
                    cells.cellSets.add(sets);
                }
                cells.cellSizes.set(index, cells.cellSizes.get(index) + 1);
            }
            cells.groupSizes = new int[cells.groups.size()];
            for (int cell = 0; cell < cells.cellCount(); cell++) {
                for (int group : cells.cellGroups.get(cell)) {
                    cells.groupSizes[group] += cells.cellSizes.get(cell);
                }
            }
            return cells;
        }

        private int indexOf(GroupKey group, Map<GroupKey, Integer> groupIndex) {
            return groupIndex.computeIfAbsent(group, key -> {
                groups.add(key);
                return groups.size() - 1;
            });
        }

        int cellCount() {
            return cellGroups.size();
        }

        /** A group's indicator over the cells of its part ({@code local}: a cell's index there, or -1). */
        long[] indicator(int group, int[] local, int width) {
            long[] row = new long[width];
            for (int cell = 0; cell < cellCount(); cell++) {
                if (local[cell] >= 0) {
                    for (int containing : cellGroups.get(cell)) {
                        if (containing == group) {
                            row[local[cell]] = 1;
                        }
                    }
                }
            }
            return row;
        }

        int anyCellOf(int group) {
            for (int cell = 0; cell < cellCount(); cell++) {
                for (int containing : cellGroups.get(cell)) {
                    if (containing == group) {
                        return cell;
                    }
                }
            }
            throw new IllegalStateException("group " + group + " holds no cell");
        }

        /** Per cell, the connected part it is in: cells are connected when a group holds both. */
        int[] parts() {
            int[] parent = new int[cellCount()];
            for (int cell = 0; cell < parent.length; cell++) {
                parent[cell] = cell;
            }
            int[] firstCellOf = new int[groups.size()];
            java.util.Arrays.fill(firstCellOf, -1);
            for (int cell = 0; cell < cellCount(); cell++) {
                for (int group : cellGroups.get(cell)) {
                    if (firstCellOf[group] < 0) {
                        firstCellOf[group] = cell;
                    } else {
                        parent[root(parent, cell)] = root(parent, firstCellOf[group]);
                    }
                }
            }
            int[] part = new int[cellCount()];
            for (int cell = 0; cell < part.length; cell++) {
                part[cell] = root(parent, cell);
            }
            return part;
        }

        private static int root(int[] parent, int cell) {
            int root = cell;
            while (parent[root] != root) {
                root = parent[root];
            }
            while (parent[cell] != root) {
                int next = parent[cell];
                parent[cell] = root;
                cell = next;
            }
            return root;
        }

        /**
         * Every set with one to minimum − 1 assessments among the groups, the intersections of a team (or all), a
         * round (or all) and a period (or all time), and the single cells; smallest first.
         */
        List<BitSet> smallSets(int minimum) {
            Map<GroupKey, BitSet> sets = new LinkedHashMap<>();
            for (int cell = 0; cell < cellCount(); cell++) {
                for (GroupKey set : cellSets.get(cell)) {
                    sets.computeIfAbsent(set, key -> new BitSet()).set(cell);
                }
            }
            List<BitSet> small = new ArrayList<>();
            for (BitSet set : sets.values()) {
                if (size(set) < minimum) {
                    small.add(set);
                }
            }
            for (int cell = 0; cell < cellCount(); cell++) {
                if (cellSizes.get(cell) < minimum) {
                    BitSet single = new BitSet();
                    single.set(cell);
                    small.add(single);
                }
            }
            small.sort(Comparator.comparingInt(this::size));
            return small;
        }

        private int size(BitSet set) {
            return set.stream().map(cellSizes::get).sum();
        }
    }

    /** A row-echelon basis of the shown groups' indicators over the cells, modulo a prime. */
    private static final class Basis {

        private final int width;
        private final int[] local;
        private final List<long[]> rows = new ArrayList<>();
        private final List<Integer> pivots = new ArrayList<>();
        private final List<Integer> owners = new ArrayList<>();

        /** @param local a cell's index in this basis, or -1 for a cell of another part */
        Basis(int width, int[] local) {
            this.width = width;
            this.local = local;
        }

        void add(long[] row, int owner) {
            reduce(row, null);
            for (int column = 0; column < width; column++) {
                if (row[column] != 0) {
                    long inverse = inverse(row[column]);
                    for (int other = column; other < width; other++) {
                        row[other] = row[other] * inverse % PRIME;
                    }
                    rows.add(row);
                    pivots.add(column);
                    owners.add(owner);
                    return;
                }
            }
        }

        /** The groups whose rows a set was built from, when it is a combination of them; null when it is not. */
        BitSet derivation(BitSet set) {
            long[] vector = new long[width];
            set.stream().forEach(cell -> vector[local[cell]] = 1);
            BitSet used = new BitSet();
            reduce(vector, used);
            for (long value : vector) {
                if (value != 0) {
                    return null;
                }
            }
            return used;
        }

        private void reduce(long[] vector, BitSet used) {
            for (int index = 0; index < rows.size(); index++) {
                int pivot = pivots.get(index);
                long factor = vector[pivot];
                if (factor == 0) {
                    continue;
                }
                long[] row = rows.get(index);
                for (int column = pivot; column < width; column++) {
                    if (row[column] != 0) {
                        vector[column] = Math.floorMod(vector[column] - factor * row[column] % PRIME, PRIME);
                    }
                }
                if (used != null) {
                    used.set(owners.get(index));
                }
            }
        }

        private static long inverse(long value) {
            long result = 1;
            long base = value % PRIME;
            for (long exponent = PRIME - 2; exponent > 0; exponent >>= 1) {
                if ((exponent & 1) == 1) {
                    result = result * base % PRIME;
                }
                base = base * base % PRIME;
            }
            return result;
        }
    }
}
