package nl.klantspiegel.application.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery.Release;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.report.Completion;
import nl.klantspiegel.domain.report.ReleasedBatch;
import nl.klantspiegel.domain.report.ReportBasis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An organisation's released results as its members may see them, now or as they were at a past moment: the one basis
 * of every report, spreadsheet and export, under the organisation's minimum group size as it is now. The basis of now
 * is kept until a release (or a changed minimum or new rounds) changes it; the facts' version, kept in the shared
 * store, tells every node when that happened.
 */
public final class ReleasedResults {

    private final ReportFacts facts;
    private final Cache<String, Kept> kept;

    /** @param cachedOrganisations how many organisations' bases are kept in memory */
    public ReleasedResults(ReportFacts facts, long cachedOrganisations) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.kept = Caffeine.newBuilder().maximumSize(cachedOrganisations).build();
    }

    /**
     * The released results and the release they reflect.
     *
     * @param release the last release counted (empty before the first)
     */
    public record Released(ReportBasis basis, Optional<Release> release) {
    }

    private record Kept(long version, int minimum, Set<String> rounds, Released released) {
    }

    /** The released results as they are now. */
    public Released now(OrganisationView view) {
        Set<String> rounds = rounds(view);
        long version = facts.version(view.id());
        Kept current = kept.getIfPresent(view.id());
        if (current != null && current.version() == version && current.minimum() == view.minimumGroupSize()
                && current.rounds().equals(rounds)) {
            return current.released();
        }
        Released released = build(facts.facts(view.id(), rounds), view.minimumGroupSize(), mark -> true);
        kept.put(view.id(), new Kept(version, view.minimumGroupSize(), rounds, released));
        return released;
    }

    /** The released results as they were at a moment: the releases made by then, under today's minimum. */
    public Released asOf(OrganisationView view, Instant moment) {
        return build(facts.facts(view.id(), rounds(view)), view.minimumGroupSize(),
                mark -> !mark.releasedAt().isAfter(moment));
    }

    private static Set<String> rounds(OrganisationView view) {
        Set<String> rounds = new LinkedHashSet<>();
        view.rounds().stream().map(Organisation.Round::id).forEach(rounds::add);
        return rounds;
    }

    private record BatchKey(long release, Instant releasedAt, String roundId, String teamId) {
    }

    /** The released batches of the facts, as many as {@code counted} lets through. */
    static Released build(ReportFacts.Facts facts, int minimum, Predicate<ReportFacts.Mark> counted) {
        Map<BatchKey, List<Completion>> completed = new LinkedHashMap<>();
        Optional<Release> last = Optional.empty();
        for (ReportFacts.CompletedFact fact : facts.completed()) {
            if (fact.release().isPresent() && counted.test(fact.release().get())) {
                ReportFacts.Mark mark = fact.release().get();
                completed.computeIfAbsent(key(mark, fact.completion().roundId(), fact.completion().teamId()),
                        key -> new ArrayList<>()).add(fact.completion());
                last = later(last, mark);
            }
        }
        List<ReleasedBatch> completedBatches = new ArrayList<>();
        completed.forEach((key, completions) -> completedBatches.add(new ReleasedBatch(key.release(),
                key.releasedAt(), key.roundId(), key.teamId(), completions.size(),
                completions.stream().sorted(Comparator.comparing(Completion::assessmentId)).toList())));
        return new Released(ReportBasis.of(completedBatches, minimum), last);
    }

    private static BatchKey key(ReportFacts.Mark mark, String roundId, String teamId) {
        return new BatchKey(mark.release(), mark.releasedAt(), roundId, mark.pooled() ? null : teamId);
    }

    private static Optional<Release> later(Optional<Release> last, ReportFacts.Mark mark) {
        return last.isPresent() && last.get().number() >= mark.release() ? last
                : Optional.of(new Release(mark.release(), mark.releasedAt()));
    }
}
