package nl.klantspiegel.application.release;

import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReleaseResultsUseCase;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.release.Due;
import nl.klantspiegel.domain.release.ReleaseOutdated;
import nl.klantspiegel.domain.release.ReleaseSchedule;
import nl.klantspiegel.domain.release.Releases;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.release.Unreleased;
import org.axonframework.commandhandling.gateway.CommandGateway;
import nl.klantspiegel.application.port.in.ConcurrentChange;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Releases organisations' results on the {@link ReleaseSchedule}: reads what is waiting from the report facts (the
 * facts say which release they reflect), lets the domain decide each release here first and then sends it to the
 * organisation's releases aggregate, which decides again and stores it once. Two nodes that try the same release:
 * one stores it, the other is told it is outdated and leaves it. Facts that lag behind a release: outdated too, and
 * tried again at the next look.
 */
public final class ReleaseService implements ReleaseResultsUseCase {

    private final ReportFacts facts;
    private final OrganisationViews organisations;
    private final CommandGateway commands;
    private final ReleaseSchedule schedule;
    private final Clock clock;
    /**
     * Per organisation, the cutoff at which nothing was due and the completions filed then: not looked at again before
     * the next cutoff unless a completion was filed since (on any node: the counter is the shared facts').
     */
    private final Map<String, NothingDue> nothingDue = new ConcurrentHashMap<>();

    private record NothingDue(Instant cutoff, long completions) {
    }

    public ReleaseService(ReportFacts facts, OrganisationViews organisations, CommandGateway commands,
                          ReleaseSchedule schedule, Clock clock) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.organisations = Objects.requireNonNull(organisations, "organisations");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int releaseDue() {
        Instant now = clock.instant();
        int made = 0;
        for (OrganisationViews.Summary organisation : organisations.all()) {
            made += releaseDue(organisation.id(), now);
        }
        return made;
    }

    @Override
    public int releaseDue(String organisationId, Instant now) {
        Instant target = schedule.cutoffAt(now);
        long completions = facts.completions(organisationId);
        if (new NothingDue(target, completions).equals(nothingDue.get(organisationId))) {
            return 0;
        }
        Optional<OrganisationView> found = organisations.find(organisationId);
        if (found.isEmpty()) {
            return 0;
        }
        OrganisationView view = found.get();
        ReportFacts.Facts known = facts.facts(organisationId,
                view.rounds().stream().map(Organisation.Round::id).toList());
        List<Unreleased> completed = new ArrayList<>();
        known.completed().stream().filter(fact -> fact.release().isEmpty()).forEach(fact -> completed.add(
                new Unreleased(fact.completion().assessmentId(), fact.completion().roundId(),
                        fact.completion().teamId(), fact.completion().completedAt())));
        Releases releases = known.lastRelease() == 0 ? Releases.none(organisationId)
                : Releases.restore(organisationId, known.lastRelease(), known.lastCutoff().orElseThrow());
        Optional<Instant> earliest = completed.stream().map(Unreleased::at).min(Comparator.naturalOrder());
        if (earliest.isEmpty()) {
            nothingDue.put(organisationId, new NothingDue(target, completions));
            return 0;
        }
        Instant since = releases.lastCutoff().orElse(earliest.get().minusMillis(1));
        int made = 0;
        for (Instant cutoff : schedule.catchUp(since, now)) {
            Due due = new Due(releases.last(), cutoff, view.minimumGroupSize(), closedAt(view, cutoff),
                    before(completed, cutoff));
            Instant at = cutoff.equals(target) && now.isAfter(cutoff) ? now : cutoff;
            Optional<ResultsReleased> next = releases.release(due, at);
            if (next.isEmpty()) {
                continue;
            }
            try {
                commands.sendAndWait(new ReleaseResultsCommand(organisationId, due, at));
            } catch (ReleaseOutdated | ConcurrentChange outdated) {
                return made; // released meanwhile, or the facts lag behind: the next look tries again
            }
            releases = releases.evolve(next.get());
            Set<String> done = ids(next.get().completed());
            completed.removeIf(one -> done.contains(one.assessmentId()));
            made++;
        }
        if (made == 0) {
            nothingDue.put(organisationId, new NothingDue(target, completions));
        }
        return made;
    }

    private static Set<String> ids(List<ResultsReleased.Batch> batches) {
        return batches.stream().flatMap(batch -> batch.assessmentIds().stream()).collect(Collectors.toSet());
    }

    private static Set<String> closedAt(OrganisationView view, Instant cutoff) {
        return view.rounds().stream().filter(round -> round.closedAt(cutoff)).map(Organisation.Round::id)
                .collect(Collectors.toSet());
    }

    private static List<Unreleased> before(List<Unreleased> waiting, Instant cutoff) {
        return waiting.stream().filter(one -> one.at().isBefore(cutoff)).toList();
    }
}
