package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.out.AssessmentViews;
import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.ReportFactsVersions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The read models, in Spring Data MongoDB. */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfiguration {

    @Bean
    AssessmentViews assessmentViews(MongoTemplate mongoTemplate) {
        return new MongoAssessmentViews(mongoTemplate);
    }

    @Bean
    OrganisationViews organisationViews(MongoTemplate mongoTemplate) {
        return new MongoOrganisationViews(mongoTemplate);
    }

    @Bean
    Invitations invitations(MongoTemplate mongoTemplate) {
        return new MongoInvitations(mongoTemplate);
    }

    @Bean
    Memberships memberships(MongoTemplate mongoTemplate) {
        return new MongoMemberships(mongoTemplate);
    }

    /** The report facts in versions; the composition root makes the active one answer (and switches after a rebuild). */
    @Bean
    ReportFactsVersions reportFactsVersions(MongoTemplate mongoTemplate) {
        return new MongoReportFactsVersions(mongoTemplate);
    }

    @Bean
    AnswerChangeFacts answerChangeFacts(MongoTemplate mongoTemplate) {
        return new MongoAnswerChangeFacts(mongoTemplate);
    }

    @Bean
    AuditTrail auditTrail(MongoTemplate mongoTemplate) {
        return new MongoAuditTrail(mongoTemplate);
    }
}
