package nl.klantspiegel.application.release;

import nl.klantspiegel.domain.release.Releases;
import nl.klantspiegel.domain.release.ResultsReleased;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The thin Axon shell around an organisation's {@link Releases}: the domain decides, the release it answers (if any) is
 * applied. Its events are stored beside the organisation's, under {@link Releases#aggregateId}. Answers the number of
 * the last release after the command.
 */
public class ReleasesAggregate {

    @AggregateIdentifier
    private String releasesId;
    private Releases releases;

    /** For Axon, to rebuild the aggregate from its events, or to make it with its first release. */
    protected ReleasesAggregate() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ReleaseResultsCommand command) {
        releasesId = command.releasesId();
        Releases current = releases != null ? releases : Releases.none(command.organisationId());
        current.release(command.due(), command.at()).ifPresent(AggregateLifecycle::apply);
        return releases == null ? 0 : releases.last();
    }

    @EventSourcingHandler
    void on(ResultsReleased released) {
        releases = (releases != null ? releases : Releases.none(released.organisationId())).evolve(released);
        releasesId = Releases.aggregateId(released.organisationId());
    }
}
