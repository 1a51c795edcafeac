package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.projection.Switchable;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.release.ResultsReleased;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * The report facts that answer, switched to a rebuilt version in one step. Its versions of an organisation's facts
 * count on from one switch to the next (the switch count in the high digits), so no kept report basis can ever take
 * the new facts for the old.
 */
public final class SwitchableReportFacts implements ReportFacts, Switchable<ReportFacts> {

    private static final long PER_SWITCH = 1_000_000_000_000L;

    private volatile ReportFacts current;
    private volatile long switches;

    public SwitchableReportFacts(ReportFacts initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    @Override
    public Class<ReportFacts> type() {
        return ReportFacts.class;
    }

    @Override
    public ReportFacts port() {
        return this;
    }

    @Override
    public void switchTo(ReportFacts rebuilt) {
        current = Objects.requireNonNull(rebuilt, "rebuilt");
        switches++;
    }

    @Override
    public Map<String, Participation> participations(Collection<String> assessmentIds) {
        return current.participations(assessmentIds);
    }

    @Override
    public void apply(Changes changes) {
        current.apply(changes);
    }

    @Override
    public void released(ResultsReleased release) {
        current.released(release);
    }

    @Override
    public long version(String organisationId) {
        return switches * PER_SWITCH + current.version(organisationId);
    }

    @Override
    public long completions(String organisationId) {
        return switches * PER_SWITCH + current.completions(organisationId);
    }

    @Override
    public Facts facts(String organisationId, Collection<String> roundIds) {
        return current.facts(organisationId, roundIds);
    }

    @Override
    public void clear() {
        current.clear();
    }
}
