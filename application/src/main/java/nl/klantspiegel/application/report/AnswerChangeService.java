package nl.klantspiegel.application.report;

import nl.klantspiegel.application.organisation.OrganisationViewProjection;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.AnswerChangesQuery;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery.Provenance;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.projection.ProjectionCatchUp;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.report.AnswerChanges;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Answers the answer-change report from what the {@link AnswerChangeProjection} keeps, under the anonymity floor. */
public final class AnswerChangeService implements AnswerChangesQuery {

    private final AnswerChangeFacts facts;
    private final OrganisationViews organisations;
    private final ProjectionCatchUp catchUp;
    private final Clock clock;
    private final Duration timeout;

    public AnswerChangeService(AnswerChangeFacts facts, OrganisationViews organisations, ProjectionCatchUp catchUp,
                               Clock clock, Duration timeout) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.organisations = Objects.requireNonNull(organisations, "organisations");
        this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public ReportAnswer<AnswerChangeReport> answerChanges(Caller caller, String organisationId, String roundId) {
        catchUp.await(OrganisationViewProjection.PROCESSING_GROUP, "organisation views", timeout);
        catchUp.await(AnswerChangeProjection.PROCESSING_GROUP, "answer changes", timeout);
        ResultsAccess.Member member = ResultsAccess.member(caller, organisationId, organisations);
        OrganisationView view = member.organisation();
        if (!member.membership().maySeeAllReports()) {
            throw new AccessDenied("Answer changes are reported per organisation and round: for its admins and "
                    + "analysts.");
        }
        var position = catchUp.position(AnswerChangeProjection.PROCESSING_GROUP);
        List<AnswerChanges.Group> groups;
        if (roundId == null) {
            List<String> rounds = view.rounds().stream().map(Organisation.Round::id).toList();
            groups = AnswerChanges.perRound(facts.completed(view.id(), rounds), rounds, view.minimumGroupSize());
        } else {
            Organisation.Round round = view.round(roundId).orElseThrow(() -> new NotFound("Round " + roundId));
            groups = AnswerChanges.perBand(facts.completed(view.id(), List.of(round.id())), view.minimumGroupSize());
        }
        return new ReportAnswer<>(new AnswerChangeReport(roundId, groups), view,
                new Provenance(Instruments.current().version(), position, clock.instant(), view.minimumGroupSize(),
                        null, null));
    }
}
