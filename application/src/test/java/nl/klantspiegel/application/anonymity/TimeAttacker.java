package nl.klantspiegel.application.anonymity;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Somebody who saw everything an organisation's members were shown, at every moment they looked, and remembers all
 * of it: every figure of a set of respondents (a sum, a count, a mean, a distribution), every row of a spreadsheet or
 * export (one respondent's answers, known to belong to one of those who share the row's visible attributes), and
 * every name by which a respondent can be found. Written without any of the product's anonymity code: it works on
 * the sets of respondents each shown figure rests on.
 *
 * <p>What can be learnt from figures of sets is what their sums and differences give: every set whose indicator is a
 * linear combination of the shown sets' indicators. The attacker partitions the respondents into classes of those
 * that every shown set holds together or not at all. Every combination of shown sets is constant on each class, so
 * when every class holds at least the minimum, nothing smaller than the minimum can be learnt: that is the proof.
 * Otherwise it looks for a small class (1 to minimum − 1 respondents) that is such a combination — found by
 * elimination modulo two large primes — and reports it: that is the leak.
 */
final class TimeAttacker {

    private static final long[] PRIMES = {2_147_483_647L, 2_147_483_629L};

    private final Map<String, Map<Set<String>, String>> seenPerChannel = new LinkedHashMap<>();
    private final Map<String, Set<String>> directPerChannel = new LinkedHashMap<>();

    /**
     * A figure (or a set of rows sharing what is visible of them) that rests on these respondents.
     *
     * @param channel where it was seen (live reports, as-of reports, a spreadsheet, the export…)
     */
    void saw(String channel, String what, Set<String> respondents) {
        if (!respondents.isEmpty()) {
            seenPerChannel.computeIfAbsent(channel, key -> new LinkedHashMap<>())
                    .putIfAbsent(Set.copyOf(new TreeSet<>(respondents)), what);
        }
    }

    /** Something that names or pins down one respondent by itself (a resume key, a single person's score). */
    void sawDirectly(String channel, String what) {
        directPerChannel.computeIfAbsent(channel, key -> new LinkedHashSet<>()).add(what);
    }

    /** How many respondents the figures and rows seen rest on, together. */
    int respondentsSeen() {
        return (int) seenPerChannel.values().stream().flatMap(seen -> seen.keySet().stream())
                .flatMap(Set::stream).distinct().count();
    }

    int observations() {
        return seenPerChannel.values().stream().mapToInt(Map::size).sum();
    }

    Set<String> channels() {
        Set<String> channels = new TreeSet<>(seenPerChannel.keySet());
        channels.addAll(directPerChannel.keySet());
        return channels;
    }

    /** What this attacker learnt about fewer than {@code minimum} respondents from everything; empty when nothing. */
    List<String> leaks(int minimum) {
        return leaks(minimum, channels());
    }

    /** The same from some channels only. */
    List<String> leaks(int minimum, Set<String> channels) {
        Map<Set<String>, String> seen = new LinkedHashMap<>();
        List<String> leaks = new ArrayList<>();
        for (String channel : channels) {
            seenPerChannel.getOrDefault(channel, Map.of()).forEach(seen::putIfAbsent);
            leaks.addAll(directPerChannel.getOrDefault(channel, Set.of()));
        }
        List<String> respondents = new ArrayList<>(new TreeSet<>(seen.keySet().stream().flatMap(Set::stream)
                .toList()));
        Map<String, Integer> column = new HashMap<>();
        respondents.forEach(respondent -> column.put(respondent, column.size()));
        List<Set<String>> sets = new ArrayList<>(seen.keySet());
        // the classes: respondents that every shown set holds together or not at all
        Map<BitSet, List<String>> classes = new LinkedHashMap<>();
        for (String respondent : respondents) {
            BitSet signature = new BitSet();
            for (int set = 0; set < sets.size(); set++) {
                if (sets.get(set).contains(respondent)) {
                    signature.set(set);
                }
            }
            classes.computeIfAbsent(signature, key -> new ArrayList<>()).add(respondent);
        }
        List<List<String>> small = classes.values().stream().filter(members -> members.size() < minimum).toList();
        if (small.isEmpty()) {
            return leaks;
        }
        List<Basis> bases = new ArrayList<>();
        for (long prime : PRIMES) {
            Basis basis = new Basis(prime, respondents.size());
            for (Set<String> set : sets) {
                basis.add(indicator(set, column, respondents.size()));
            }
            bases.add(basis);
        }
        for (List<String> members : small) {
            long[] vector = indicator(Set.copyOf(members), column, respondents.size());
            if (bases.stream().allMatch(basis -> basis.spans(vector))) {
                String example = seen.get(sets.stream().filter(set -> set.containsAll(members)).findFirst()
                        .orElse(Set.of()));
                leaks.add(members.size() + " respondent(s) " + members + " isolated (e.g. from: " + example + ")");
            }
        }
        return leaks;
    }

    private static long[] indicator(Set<String> set, Map<String, Integer> column, int width) {
        long[] vector = new long[width];
        set.forEach(member -> vector[column.get(member)] = 1);
        return vector;
    }

    /** Rows in echelon form modulo a prime. */
    private static final class Basis {
        private final long prime;
        private final int width;
        private final List<long[]> rows = new ArrayList<>();
        private final List<Integer> pivots = new ArrayList<>();

        Basis(long prime, int width) {
            this.prime = prime;
            this.width = width;
        }

        void add(long[] vector) {
            long[] row = reduce(vector.clone());
            for (int column = 0; column < width; column++) {
                if (row[column] != 0) {
                    long inverse = power(row[column], prime - 2);
                    for (int c = 0; c < width; c++) {
                        row[c] = multiply(row[c], inverse);
                    }
                    rows.add(row);
                    pivots.add(column);
                    return;
                }
            }
        }

        boolean spans(long[] vector) {
            long[] rest = reduce(vector.clone());
            for (long value : rest) {
                if (value != 0) {
                    return false;
                }
            }
            return true;
        }

        private long[] reduce(long[] vector) {
            for (int index = 0; index < rows.size(); index++) {
                int pivot = pivots.get(index);
                long factor = vector[pivot];
                if (factor != 0) {
                    long[] row = rows.get(index);
                    for (int c = 0; c < width; c++) {
                        vector[c] = Math.floorMod(vector[c] - multiply(factor, row[c]), prime);
                    }
                }
            }
            return vector;
        }

        private long multiply(long a, long b) {
            return Math.floorMod(a, prime) * Math.floorMod(b, prime) % prime;
        }

        private long power(long base, long exponent) {
            long result = 1;
            long value = Math.floorMod(base, prime);
            while (exponent > 0) {
                if ((exponent & 1) == 1) {
                    result = multiply(result, value);
                }
                value = multiply(value, value);
                exponent >>= 1;
            }
            return result;
        }
    }
}
