package nl.klantspiegel.boot;

import nl.klantspiegel.adapter.web.settings.WebSettings;
import nl.klantspiegel.application.account.ApiTokenService;
import nl.klantspiegel.application.account.Enrolment;
import nl.klantspiegel.application.account.MyAccountService;
import nl.klantspiegel.application.account.OperatorService;
import nl.klantspiegel.application.account.SignInService;
import nl.klantspiegel.application.assessment.AssessmentService;
import nl.klantspiegel.application.audit.AuditService;
import nl.klantspiegel.application.audit.AuditTrailProjection;
import nl.klantspiegel.application.export.AssessmentExportService;
import nl.klantspiegel.application.export.EventExportService;
import nl.klantspiegel.application.organisation.InvitationService;
import nl.klantspiegel.application.organisation.MemberService;
import nl.klantspiegel.application.organisation.OrganisationCommands;
import nl.klantspiegel.application.organisation.OrganisationGate;
import nl.klantspiegel.application.organisation.OrganisationReadModels;
import nl.klantspiegel.application.organisation.OrganisationService;
import nl.klantspiegel.application.organisation.OrganisationViewProjection;
import nl.klantspiegel.application.organisation.RoundScheduleService;
import nl.klantspiegel.application.organisation.RoundService;
import nl.klantspiegel.application.organisation.TeamService;
import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.ApiTokens;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OneTimeTasks;
import nl.klantspiegel.application.port.out.OperatorSetup;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.PasswordHashing;
import nl.klantspiegel.application.port.out.ProjectionProgress;
import nl.klantspiegel.application.port.out.PseudonymKey;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.port.out.Scorings;
import nl.klantspiegel.application.port.out.SignInThrottles;
import nl.klantspiegel.application.projection.CatchUpWait;
import nl.klantspiegel.application.release.ReleaseService;
import nl.klantspiegel.application.report.AnswerChangeProjection;
import nl.klantspiegel.application.report.AnswerChangeService;
import nl.klantspiegel.application.report.ReleasedResults;
import nl.klantspiegel.application.report.ReportProjection;
import nl.klantspiegel.application.report.ReportService;
import nl.klantspiegel.application.report.RescoringService;
import nl.klantspiegel.domain.release.ReleaseSchedule;
import nl.klantspiegel.domain.report.ReportBasis;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * Wires the organisations, accounts and the audit trail by hand, each from the ports it needs: the Axon aggregate,
 * the projections and the use cases. The ports out come from the persistence adapter; password hashing from
 * Spring Security ({@link SpringPasswordHashing}).
 */
@Configuration(proxyBeanMethods = false)
public class OrganisationConfiguration {

    @Bean
    PasswordHashing passwordHashing() {
        return new SpringPasswordHashing();
    }

    /** The organisations' read models: written through by the use cases and kept by the projection. */
    @Bean
    OrganisationReadModels organisationReadModels(OrganisationViews views, Invitations invitations,
                                                  Memberships memberships) {
        return new OrganisationReadModels(views, invitations, memberships);
    }

    @Bean
    OrganisationViewProjection organisationViewProjection(OrganisationReadModels readModels) {
        return new OrganisationViewProjection(readModels);
    }

    @Bean
    ReportProjection reportProjection(ReportFacts facts) {
        return new ReportProjection(facts);
    }

    /** An organisation's released results: the one basis of every report, spreadsheet and export. */
    @Bean
    ReleasedResults releasedResults(ReportFacts facts,
                                    KlantspiegelProperties settings) {
        return new ReleasedResults(facts, settings.reports().cachedOrganisations());
    }

    @Bean
    ReportService reportService(ReleasedResults released, OrganisationViews organisations, CatchUpWait caughtUp,
                                Clock clock) {
        return new ReportService(released, organisations, caughtUp, clock);
    }

    /** When results are released: every whole hour by default ({@code klantspiegel.reports.release-every}). */
    @Bean
    ReleaseSchedule releaseSchedule(KlantspiegelProperties settings) {
        return new ReleaseSchedule(settings.reports().releaseEvery(), ReportBasis.ZONE);
    }

    @Bean
    ReleaseService releaseService(ReportFacts facts, OrganisationViews organisations, CommandGateway commands,
                                  ReleaseSchedule schedule, Clock clock) {
        return new ReleaseService(facts, organisations, commands, schedule, clock);
    }

    /** Looks for due releases on every node, a few times per release period; the aggregate decides each once. */
    @Bean(destroyMethod = "stop")
    Periodic releaseTimer(ReleaseService releases, ReleaseSchedule schedule,
                          KlantspiegelProperties settings) {
        Duration every = Duration.ofMillis(Math.max(1, Math.min(Duration.ofSeconds(30).toMillis(),
                schedule.every().toMillis() / 4)));
        return new Periodic("release-timer", every, releases::releaseDue, settings.reports().releaseTimer());
    }

    @Bean
    RoundScheduleService roundScheduleService(CommandGateway commands, OrganisationViews views,
                                              OrganisationReadModels readModels, Clock clock) {
        return new RoundScheduleService(commands, views, readModels, clock);
    }

    /**
     * Keeps the rounds' schedules on every node (a round begins and closes at its moments whether or not this ran;
     * it puts them on record, each once, for the audit trail).
     */
    @Bean(destroyMethod = "stop")
    Periodic roundScheduleTimer(RoundScheduleService schedules,
                                KlantspiegelProperties settings) {
        return new Periodic("round-schedule-timer", settings.rounds().scheduleEvery(), () -> {
            nl.klantspiegel.application.port.in.RoundSchedulesUseCase.Kept kept = schedules.keepSchedules();
            kept.failures().forEach((organisation, why) -> org.slf4j.LoggerFactory.getLogger(Periodic.class)
                    .warn("The schedule of organisation {} is kept at the next attempt: {}", organisation, why));
            return kept.recorded();
        }, true);
    }

    /**
     * The answer-change report's projection: a report added after the fact. Its processor starts at the first event
     * and fills it from all history (switched off only to test exactly that).
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
            name = "klantspiegel.reports.answer-changes.enabled", matchIfMissing = true)
    AnswerChangeProjection answerChangeProjection(AnswerChangeFacts facts) {
        return new AnswerChangeProjection(facts);
    }

    @Bean
    AnswerChangeService answerChangeService(AnswerChangeFacts facts, ReportService reports, CatchUpWait caughtUp) {
        return new AnswerChangeService(facts, reports, caughtUp);
    }

    @Bean
    RescoringService rescoringService(ReportService reports, Scorings scorings) {
        return new RescoringService(reports, scorings);
    }

    /** The spreadsheet of released completed assessments, under their pseudonyms. */
    @Bean
    AssessmentExportService assessmentExportService(ReportService reports, PseudonymKey key, CommandGateway commands,
                                                    Clock clock) {
        return new AssessmentExportService(reports, key, commands, clock);
    }

    /** Exports of the event log: everything for the operator, an organisation's as its reports show it. */
    @Bean
    EventExportService eventExportService(EventLog log, OrganisationViews organisations, PseudonymKey key,
                                          CommandGateway commands, Clock clock) {
        return new EventExportService(log, organisations, key, commands, clock);
    }

    @Bean
    AuditTrailProjection auditTrailProjection(AuditTrail trail) {
        return new AuditTrailProjection(trail);
    }

    @Bean
    SignInService signInService(Accounts accounts, PasswordHashing hashing, SignInThrottles throttles,
                                EventGateway events, Clock clock) {
        return new SignInService(accounts, hashing, throttles, events, clock);
    }

    @Bean
    Enrolment enrolment(Accounts accounts, PasswordHashing hashing, EventGateway events, Clock clock) {
        return new Enrolment(accounts, hashing, events, clock);
    }

    @Bean
    OperatorService operatorService(Accounts accounts, OperatorSetup operatorSetup, PasswordHashing hashing,
                                    EventGateway events, Clock clock) {
        return new OperatorService(accounts, operatorSetup, hashing, events, clock);
    }

    @Bean
    MyAccountService myAccountService(Accounts accounts, Memberships memberships, OrganisationViews organisations) {
        return new MyAccountService(accounts, memberships, organisations);
    }

    @Bean
    ApiTokenService apiTokenService(ApiTokens apiTokens, Accounts accounts, EventGateway events, Clock clock) {
        return new ApiTokenService(apiTokens, accounts, events, clock);
    }

    /** Who may ask what of an organisation: one gate for its settings, teams, members, rounds and invitations. */
    @Bean
    OrganisationGate organisationGate(OrganisationViews views, CatchUpWait caughtUp) {
        return new OrganisationGate(views, caughtUp);
    }

    @Bean
    OrganisationCommands organisationCommands(CommandGateway commands, OrganisationReadModels readModels) {
        return new OrganisationCommands(commands, readModels);
    }

    @Bean
    OrganisationService organisationService(OrganisationGate gate, OrganisationCommands commands,
                                            OrganisationViews views, Memberships memberships, Clock clock) {
        return new OrganisationService(gate, commands, views, memberships, clock);
    }

    @Bean
    TeamService teamService(OrganisationGate gate, OrganisationCommands commands, Clock clock) {
        return new TeamService(gate, commands, clock);
    }

    @Bean
    MemberService memberService(OrganisationGate gate, OrganisationCommands commands, Enrolment accounts,
                                Clock clock) {
        return new MemberService(gate, commands, accounts, clock);
    }

    @Bean
    RoundService roundService(OrganisationGate gate, OrganisationCommands commands, Clock clock) {
        return new RoundService(gate, commands, clock);
    }

    @Bean
    InvitationService invitationService(CommandGateway commands, OrganisationViews views, Invitations invitations,
                                        AssessmentService assessments, OrganisationGate gate, Clock clock) {
        return new InvitationService(commands, views, invitations, assessments, gate, clock);
    }

    @Bean
    AuditService auditService(AuditTrail trail, OrganisationViews organisations, Enrolment accounts,
                              ReleasedResults released, CatchUpWait caughtUp) {
        return new AuditService(trail, organisations, accounts, released, caughtUp);
    }

    @Bean
    DemoOrganisation demoOrganisation(CommandGateway commands, Enrolment accounts, OrganisationViews organisations,
                                      ReleaseService releases, ProjectionProgress progress, EventLog log,
                                      OneTimeTasks tasks, Clock clock,
                                      // klantspiegel.demo is a switch and a prefix at once: read as it is
                                      @Value("${klantspiegel.demo:false}") boolean enabled,
                                      @Value("${klantspiegel.demo.password:}") String password) {
        return new DemoOrganisation(commands, accounts, organisations, releases, progress, log, tasks, clock, enabled,
                password);
    }

    @Bean
    StartupLog startupLog() {
        return new StartupLog();
    }

    @Bean
    OperatorBootstrap operatorBootstrap(OperatorService operator, KlantspiegelProperties settings, WebSettings web) {
        return new OperatorBootstrap(operator, settings.operator().email(), settings.operator().password(),
                web.publicUrl());
    }
}
