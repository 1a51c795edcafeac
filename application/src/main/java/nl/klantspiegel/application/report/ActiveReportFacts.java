package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.projection.ActiveVersions;
import nl.klantspiegel.application.projection.ActiveReadModel;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.release.ResultsReleased;

import java.util.Collection;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The report facts that answer: those of the version of the reports that answers now ({@link ActiveVersions}). Its
 * versions of an organisation's facts count on from one version to the next (the version number in the high digits),
 * so no kept report basis can ever take the new facts for the old, on any node.
 */
public final class ActiveReportFacts implements ReportFacts, ActiveReadModel<ReportFacts> {

    private static final long PER_SWITCH = 1_000_000_000_000L;

    private final ActiveReadModel.Follower<ReportFacts> follower;

    /** @param open the report facts in a version */
    public ActiveReportFacts(ActiveVersions active, IntFunction<ReportFacts> open) {
        this.follower = new ActiveReadModel.Follower<>(ReportProjection.PROCESSING_GROUP, active, open);
    }

    private ReportFacts current() {
        return follower.current().port();
    }

    @Override
    public Class<ReportFacts> type() {
        return ReportFacts.class;
    }

    @Override
    public String projection() {
        return ReportProjection.PROCESSING_GROUP;
    }

    @Override
    public ReportFacts port() {
        return this;
    }

    @Override
    public Map<String, Participation> participations(Collection<String> assessmentIds) {
        return current().participations(assessmentIds);
    }

    @Override
    public void apply(Changes changes) {
        current().apply(changes);
    }

    @Override
    public void released(ResultsReleased release) {
        current().released(release);
    }

    @Override
    public long version(String organisationId) {
        ActiveReadModel.Opened<ReportFacts> opened = follower.current();
        return opened.version() * PER_SWITCH + opened.port().version(organisationId);
    }

    @Override
    public long completions(String organisationId) {
        ActiveReadModel.Opened<ReportFacts> opened = follower.current();
        return opened.version() * PER_SWITCH + opened.port().completions(organisationId);
    }

    @Override
    public Facts facts(String organisationId, Collection<String> roundIds) {
        return current().facts(organisationId, roundIds);
    }

    @Override
    public void clear() {
        current().clear();
    }
}
