package nl.klantspiegel.domain.release;

import nl.klantspiegel.domain.release.ResultsReleased.Batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an organisation's members may see of its respondents' results, decided once for every report, export and audit
 * page, at any time: <b>released batches</b>. A pure aggregate like {@code Assessment}: {@link #release} decides,
 * {@link #evolve} gives the state after a release.
 *
 * <h2>The rule</h2>
 * A release takes, per round and team, the completed assessments no release has shown yet — all of them, when there
 * are at least the minimum group size, else none. In a round that is closed, what stays behind of all its teams
 * together is released as one pooled batch (it counts for the organisation, never for a team) once that is at least
 * the minimum. Every batch is released once and never changes.
 *
 * <p>How many started and did not finish is never released: beside the completed figures, a count of starts would
 * single out whoever stopped halfway.
 *
 * <h2>Why this holds against members who remember everything</h2>
 * Every figure a member can be shown — of a team or the organisation, per round or period, live or as of any past
 * moment, in any report, spreadsheet or export — is computed over whole released batches (a batch lies in one round,
 * one team or the pool, and counts in the period of its release). Whatever is added and subtracted of such figures,
 * now and later, is therefore constant on every batch: the smallest set of respondents anyone can single out is a
 * batch, and every batch holds at least the minimum group size. A figure moves only when a release adds a batch, by
 * at least the minimum. A raised minimum withdraws the smaller batches from every view, history included.
 */
public final class Releases {

    private final String organisationId;
    private final long last;
    private final Instant lastCutoff;

    private Releases(String organisationId, long last, Instant lastCutoff) {
        this.organisationId = Objects.requireNonNull(organisationId, "organisationId");
        this.last = last;
        this.lastCutoff = lastCutoff;
    }

    /** The id of an organisation's releases as an aggregate: beside the organisation's own. */
    public static String aggregateId(String organisationId) {
        return Objects.requireNonNull(organisationId, "organisationId") + "/releases";
    }

    /** The state after releases up to {@code last}, the last of which had {@code lastCutoff} (a read model keeps it). */
    public static Releases restore(String organisationId, long last, Instant lastCutoff) {
        if (last < 0 || (last == 0) != (lastCutoff == null)) {
            throw new IllegalArgumentException("release " + last + " with cutoff " + lastCutoff);
        }
        return new Releases(organisationId, last, lastCutoff);
    }

    /** An organisation of which nothing has been released yet. */
    public static Releases none(String organisationId) {
        return new Releases(organisationId, 0, null);
    }

    /**
     * Decides the next release.
     *
     * @param at when the release is made: on or after the cutoff
     * @return the release, or nothing when no batch is due
     * @throws ReleaseOutdated when the facts do not reflect the last release, or the cutoff is not after its cutoff
     */
    public Optional<ResultsReleased> release(Due due, Instant at) {
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(at, "at");
        if (due.after() != last) {
            throw new ReleaseOutdated("release " + last + " of organisation " + organisationId + " is the last, not "
                    + due.after());
        }
        if (lastCutoff != null && !due.cutoff().isAfter(lastCutoff)) {
            throw new ReleaseOutdated("the cutoff " + due.cutoff() + " is not after the last one, " + lastCutoff);
        }
        if (at.isBefore(due.cutoff())) {
            throw new IllegalArgumentException("a release is made at or after its cutoff");
        }
        List<Batch> completed = batches(due.completed(), due.minimumGroupSize(), due.closedRounds());
        if (completed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResultsReleased(organisationId, last + 1, due.cutoff(), due.minimumGroupSize(),
                completed, at));
    }

    /** Per round, each team's waiting assessments when they are enough; the rest of a closed round pooled. */
    static List<Batch> batches(List<Unreleased> waiting, int minimum, Set<String> closedRounds) {
        Map<String, Map<String, List<String>>> byRound = new TreeMap<>();
        for (Unreleased one : waiting) {
            byRound.computeIfAbsent(one.roundId(), round -> new TreeMap<>())
                    .computeIfAbsent(one.teamId(), team -> new ArrayList<>()).add(one.assessmentId());
        }
        List<Batch> batches = new ArrayList<>();
        byRound.forEach((round, byTeam) -> {
            List<String> leftovers = new ArrayList<>();
            byTeam.forEach((team, ids) -> {
                if (ids.size() >= minimum) {
                    batches.add(new Batch(round, team, ids.stream().sorted().toList()));
                } else {
                    leftovers.addAll(ids);
                }
            });
            if (closedRounds.contains(round) && leftovers.size() >= minimum) {
                batches.add(new Batch(round, null, leftovers.stream().sorted().toList()));
            }
        });
        return batches;
    }

    /** The state after a release. */
    public Releases evolve(ResultsReleased released) {
        if (!organisationId.equals(released.organisationId())) {
            throw new IllegalArgumentException("a release of organisation " + released.organisationId()
                    + " applied to " + organisationId);
        }
        if (released.number() != last + 1) {
            throw new IllegalArgumentException("release " + released.number() + " after release " + last);
        }
        return new Releases(organisationId, released.number(), released.cutoff());
    }

    public String organisationId() {
        return organisationId;
    }

    /** The number of the last release; 0 before the first. */
    public long last() {
        return last;
    }

    /** The cutoff of the last release, if there was one. */
    public Optional<Instant> lastCutoff() {
        return Optional.ofNullable(lastCutoff);
    }
}
