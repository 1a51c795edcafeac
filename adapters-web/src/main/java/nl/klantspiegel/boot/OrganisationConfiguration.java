package nl.klantspiegel.boot;

import nl.klantspiegel.application.account.AccountService;
import nl.klantspiegel.application.assessment.AggregateCache;
import nl.klantspiegel.application.assessment.AssessmentService;
import nl.klantspiegel.application.assessment.ViewUpdates;
import nl.klantspiegel.application.audit.AuditService;
import nl.klantspiegel.application.audit.AuditTrailProjection;
import nl.klantspiegel.application.organisation.OrganisationAggregate;
import nl.klantspiegel.application.organisation.OrganisationService;
import nl.klantspiegel.application.organisation.OrganisationViewProjection;
import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.application.port.out.ApiTokens;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OperatorSetup;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.PasswordHashing;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.projection.ProjectionCatchUp;
import nl.klantspiegel.application.export.AssessmentExportService;
import nl.klantspiegel.application.export.EventExportService;
import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.application.report.AnswerChangeProjection;
import nl.klantspiegel.application.report.AnswerChangeService;
import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.report.ReportProjection;
import nl.klantspiegel.application.report.RescoringService;
import nl.klantspiegel.application.port.out.Scorings;
import nl.klantspiegel.application.report.ReportService;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
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
    ConfigurerModule organisationAggregate(@Value("${klantspiegel.aggregate-cache.size:10000}") long cacheSize) {
        AggregateCache cache = new AggregateCache(cacheSize);
        return configurer -> configurer.configureAggregate(
                AggregateConfigurer.defaultConfiguration(OrganisationAggregate.class)
                        .configureCache(configuration -> cache));
    }

    @Bean
    PasswordHashing passwordHashing() {
        return new SpringPasswordHashing();
    }

    @Bean
    OrganisationViewProjection organisationViewProjection(OrganisationViews views, Invitations invitations,
                                                          Memberships memberships, ViewUpdates updates) {
        return new OrganisationViewProjection(views, invitations, memberships, updates);
    }

    @Bean
    ReportProjection reportProjection(ReportFacts facts) {
        return new ReportProjection(facts);
    }

    @Bean
    ReportService reportService(ReportFacts facts, OrganisationViews organisations, ProjectionCatchUp catchUp,
                                Clock clock,
                                @Value("${klantspiegel.read-your-writes-timeout:10s}") Duration timeout,
                                @Value("${klantspiegel.reports.cached-organisations:100}") long cached,
                                java.util.concurrent.ExecutorService reportRefresher, EventLog log) {
        return new ReportService(facts, organisations, catchUp, clock, timeout, cached, reportRefresher, log);
    }

    /** Two daemon threads that compute an organisation's report basis again after new completions. */
    @Bean(destroyMethod = "shutdown")
    java.util.concurrent.ExecutorService reportRefresher() {
        java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
        return java.util.concurrent.Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "report-refresh-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
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
    AnswerChangeService answerChangeService(AnswerChangeFacts facts, OrganisationViews organisations,
                                            ProjectionCatchUp catchUp, Clock clock,
                                            @Value("${klantspiegel.read-your-writes-timeout:10s}") Duration timeout) {
        return new AnswerChangeService(facts, organisations, catchUp, clock, timeout);
    }

    /** Alternative scorings: shipped ones and an analyst's files in the scorings directory. */
    @Bean
    Scorings scorings(@Value("${klantspiegel.scorings-dir:${klantspiegel.data-dir:./data}/scorings}")
                      java.nio.file.Path directory) {
        return new FileScorings(directory);
    }

    @Bean
    RescoringService rescoringService(ReportService reports, Scorings scorings) {
        return new RescoringService(reports, scorings);
    }

    /** The spreadsheet of completed assessments, under the reports' anonymity floor. */
    @Bean
    AssessmentExportService assessmentExportService(ReportService reports, EventLog log, CommandGateway commands,
                                                    Clock clock) {
        return new AssessmentExportService(reports, log, commands, clock);
    }

    /** Exports of the event log; the report facts say where assessments were taken. */
    @Bean
    EventExportService eventExportService(EventLog log, ReportFacts facts, OrganisationViews organisations,
                                          CommandGateway commands, Clock clock) {
        return new EventExportService(log, facts, organisations, commands, clock);
    }

    @Bean
    AuditTrailProjection auditTrailProjection(AuditTrail trail) {
        return new AuditTrailProjection(trail);
    }

    @Bean
    AccountService accountService(Accounts accounts, ApiTokens apiTokens, OperatorSetup operatorSetup,
                                  Memberships memberships, OrganisationViews organisations, PasswordHashing hashing,
                                  EventGateway events, Clock clock) {
        return new AccountService(accounts, apiTokens, operatorSetup, memberships, organisations, hashing, events, clock);
    }

    @Bean
    OrganisationService organisationService(CommandGateway commands, OrganisationViews views, Invitations invitations,
                                            Memberships memberships, ViewUpdates updates, AccountService accounts,
                                            AssessmentService assessments, ProjectionCatchUp catchUp, Clock clock,
                                            @Value("${klantspiegel.read-your-writes-timeout:10s}") Duration timeout) {
        return new OrganisationService(commands, views, invitations, memberships, updates, accounts, assessments,
                catchUp, clock, timeout);
    }

    @Bean
    AuditService auditService(AuditTrail trail, OrganisationViews organisations, AccountService accounts,
                              ProjectionCatchUp catchUp,
                              @Value("${klantspiegel.read-your-writes-timeout:10s}") Duration timeout) {
        return new AuditService(trail, organisations, accounts, catchUp, timeout);
    }

    @Bean
    DemoOrganisation demoOrganisation(CommandGateway commands, AccountService accounts, OrganisationViews organisations,
                                      Clock clock, @Value("${klantspiegel.demo:false}") boolean enabled,
                                      @Value("${klantspiegel.demo.password:}") String password) {
        return new DemoOrganisation(commands, accounts, organisations, clock, enabled, password);
    }

    @Bean
    OperatorBootstrap operatorBootstrap(AccountService accounts,
                                        @Value("${klantspiegel.operator.email:}") String email,
                                        @Value("${klantspiegel.operator.password:}") String password,
                                        @Value("${klantspiegel.public-url:}") String publicUrl) {
        return new OperatorBootstrap(accounts, email, password, publicUrl);
    }
}
