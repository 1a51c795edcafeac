package nl.klantspiegel.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import nl.klantspiegel.adapter.persistence.violation.PersistenceCallingTheWebAdapter;
import nl.klantspiegel.adapter.processing.violation.ProcessingReadingTheDatabase;
import nl.klantspiegel.adapter.processing.violation.ProcessingUsingAUseCase;
import nl.klantspiegel.adapter.persistence.violation.PersistenceServingHttp;
import nl.klantspiegel.adapter.persistence.violation.PersistenceUsingSpringSecurity;
import nl.klantspiegel.adapter.web.violation.WebReadingTheDatabase;
import nl.klantspiegel.adapter.web.violation.WebReadingTheEventStore;
import nl.klantspiegel.adapter.web.violation.WebSendingCommands;
import nl.klantspiegel.adapter.web.violation.WebUsingAnOutgoingPort;
import nl.klantspiegel.adapter.web.violation.WebUsingAxonMongoTemplate;
import nl.klantspiegel.adapter.web.violation.WebUsingMongoDriverBson;
import nl.klantspiegel.adapter.web.violation.WebUsingSpringData;
import nl.klantspiegel.adapter.web.violation.WebUsingTheProcessingAdapter;
import nl.klantspiegel.application.violation.ApplicationAroundTheMemberGate;
import nl.klantspiegel.application.violation.ApplicationDrivingAProcessor;
import nl.klantspiegel.application.violation.ApplicationHashingItself;
import nl.klantspiegel.application.violation.ApplicationWithATimeZoneOfItsOwn;
import nl.klantspiegel.application.violation.ApplicationUsingAnAdapter;
import nl.klantspiegel.application.violation.ApplicationUsingAxonMongoTemplate;
import nl.klantspiegel.application.violation.ApplicationUsingJackson;
import nl.klantspiegel.application.violation.ApplicationUsingMongoDb;
import nl.klantspiegel.application.violation.ApplicationUsingMongoTemplate;
import nl.klantspiegel.application.violation.ApplicationUsingSpringSecurity;
import nl.klantspiegel.application.violation.ApplicationUsingSpringWeb;
import nl.klantspiegel.boot.violation.BootUsingMongoDb;
import nl.klantspiegel.boot.violation.BootUsingThePersistenceAdapter;
import nl.klantspiegel.domain.violation.DomainUsingAFramework;
import nl.klantspiegel.domain.violation.DomainUsingJavaSql;
import nl.klantspiegel.domain.violation.DomainUsingTheApplication;
import nl.klantspiegel.violation.cycle.left.Left;
import nl.klantspiegel.violation.cycle.right.Right;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule can fail: deliberately wrong classes (in this test source set only) break it, with the rule's
 * reason in the message.
 */
class RulesCatchViolationsTest {

    @Test
    void a_domain_class_using_a_framework_or_the_application() {
        assertViolated(DependencyRules.DOMAIN_DEPENDS_ON_THE_JDK_ONLY, DomainUsingAFramework.class);
        assertViolated(DependencyRules.DOMAIN_DEPENDS_ON_THE_JDK_ONLY, DomainUsingTheApplication.class);
    }

    @Test
    void a_domain_class_using_the_jdks_database_api() {
        assertViolatedThrough(DependencyRules.DOMAIN_DEPENDS_ON_THE_JDK_ONLY, DomainUsingJavaSql.class,
                "java.sql.Timestamp");
    }

    @Test
    void an_application_class_using_spring_web_mongodb_or_an_adapter() {
        ArchRule rule = DependencyRules.APPLICATION_KNOWS_NO_WEB_NO_DATABASE_NO_ADAPTER;
        assertViolated(rule, ApplicationUsingSpringWeb.class);
        assertViolated(rule, ApplicationUsingMongoDb.class);
        assertViolated(rule, ApplicationUsingAnAdapter.class);
    }

    @Test
    void an_application_class_using_a_library_off_its_list() {
        ArchRule rule = DependencyRules.APPLICATION_USES_ONLY_THE_DOMAIN_AXON_AND_CAFFEINE;
        assertViolatedThrough(rule, ApplicationUsingJackson.class, "com.fasterxml.jackson.databind.ObjectMapper");
        assertViolatedThrough(rule, ApplicationUsingMongoTemplate.class,
                "org.springframework.data.mongodb.core.MongoTemplate");
        assertViolatedThrough(rule, ApplicationUsingAxonMongoTemplate.class,
                "org.axonframework.extensions.mongo.MongoTemplate");
        assertViolatedThrough(rule, ApplicationUsingSpringSecurity.class,
                "org.springframework.security.core.context.SecurityContextHolder");
        assertViolated(rule, ApplicationUsingSpringWeb.class);
        assertViolated(rule, ApplicationUsingMongoDb.class);
        assertViolated(rule, ApplicationUsingAnAdapter.class);
    }

    @Test
    void a_web_adapter_class_using_a_database_library_or_axon() {
        ArchRule rule = DependencyRules.WEB_ADAPTER_USES_ONLY_USE_CASES_AND_WEB_LIBRARIES;
        assertViolatedThrough(rule, WebUsingSpringData.class, "org.springframework.data.mongodb.core.MongoTemplate");
        assertViolatedThrough(rule, WebUsingAxonMongoTemplate.class,
                "org.axonframework.extensions.mongo.MongoTemplate");
        assertViolatedThrough(rule, WebUsingMongoDriverBson.class,
                "com.mongodb.client.MongoClient", "org.bson.Document");
        assertViolatedThrough(rule, WebSendingCommands.class,
                "org.axonframework.commandhandling.gateway.CommandGateway",
                "nl.klantspiegel.application.assessment.StartAssessmentCommand");
        assertViolatedThrough(rule, WebReadingTheEventStore.class,
                "org.axonframework.eventsourcing.eventstore.EventStore");
        assertViolatedThrough(rule, WebUsingAnOutgoingPort.class,
                "nl.klantspiegel.application.port.out.OrganisationViews");
        assertViolated(rule, WebReadingTheDatabase.class);
    }

    @Test
    void a_web_adapter_class_bypassing_the_use_cases() {
        ArchRule rule = DependencyRules.WEB_ADAPTER_REACHES_THE_APPLICATION_ONLY_THROUGH_USE_CASES;
        assertViolatedThrough(rule, WebSendingCommands.class,
                "org.axonframework.commandhandling.gateway.CommandGateway",
                "nl.klantspiegel.application.assessment.StartAssessmentCommand");
        assertViolatedThrough(rule, WebReadingTheEventStore.class,
                "org.axonframework.eventsourcing.eventstore.EventStore");
        assertViolatedThrough(rule, WebUsingAnOutgoingPort.class,
                "nl.klantspiegel.application.port.out.OrganisationViews");
    }

    @Test
    void adapters_using_each_other() {
        assertViolated(DependencyRules.WEB_ADAPTER_DOES_NOT_USE_PERSISTENCE, WebReadingTheDatabase.class);
        assertViolatedThrough(DependencyRules.WEB_ADAPTER_DOES_NOT_USE_PERSISTENCE, WebUsingTheProcessingAdapter.class,
                "nl.klantspiegel.adapter.processing.ProjectionCatchUp");
        assertViolated(DependencyRules.PERSISTENCE_ADAPTER_DOES_NOT_USE_WEB, PersistenceCallingTheWebAdapter.class);
    }

    @Test
    void a_processing_adapter_class_reading_the_database_or_deciding_who_may() {
        ArchRule rule = DependencyRules.PROCESSING_ADAPTER_USES_ONLY_PORTS_AND_AXON;
        assertViolatedThrough(rule, ProcessingReadingTheDatabase.class, "com.mongodb.client.MongoDatabase");
        assertViolatedThrough(rule, ProcessingUsingAUseCase.class, "nl.klantspiegel.application.port.in.Caller");
    }

    @Test
    void an_application_class_driving_axons_processors() {
        assertViolatedThrough(DependencyRules.AXON_EVENT_PROCESSING_ONLY_IN_ITS_ADAPTER,
                ApplicationDrivingAProcessor.class, "org.axonframework.eventhandling.StreamingEventProcessor");
    }

    @Test
    void a_persistence_adapter_class_serving_http_or_checking_callers() {
        ArchRule rule = DependencyRules.PERSISTENCE_ADAPTER_USES_ONLY_PORTS_AND_STORAGE_LIBRARIES;
        assertViolatedThrough(rule, PersistenceServingHttp.class,
                "org.springframework.web.bind.annotation.GetMapping");
        assertViolatedThrough(rule, PersistenceUsingSpringSecurity.class,
                "org.springframework.security.core.context.SecurityContextHolder");
        assertViolated(rule, PersistenceCallingTheWebAdapter.class);
        assertViolatedThrough(DependencyRules.PERSISTENCE_ADAPTER_SERVES_NO_HTTP, PersistenceServingHttp.class,
                "org.springframework.web.bind.annotation.GetMapping");
    }

    @Test
    void spring_security_outside_the_web_adapter_and_boot() {
        ArchRule rule = DependencyRules.SPRING_SECURITY_ONLY_IN_THE_WEB_ADAPTER_AND_BOOT;
        String securityContext = "org.springframework.security.core.context.SecurityContextHolder";
        assertViolatedThrough(rule, ApplicationUsingSpringSecurity.class, securityContext);
        assertViolatedThrough(rule, PersistenceUsingSpringSecurity.class, securityContext);
    }

    @Test
    void the_composition_root_using_the_database() {
        ArchRule rule = DependencyRules.BOOT_WIRES_WITHOUT_TOUCHING_THE_DATABASE;
        assertViolatedThrough(rule, BootUsingThePersistenceAdapter.class,
                "nl.klantspiegel.adapter.persistence.durability.WriteDurability");
        assertViolatedThrough(rule, BootUsingMongoDb.class, "com.mongodb.client.MongoClient");
    }

    @Test
    void a_hash_helper_of_its_own() {
        assertViolated(DependencyRules.ONE_HASH_FOR_CHAINS_AND_SECRETS, ApplicationHashingItself.class);
    }

    @Test
    void a_time_zone_of_its_own() {
        assertViolated(DependencyRules.ONE_TIME_ZONE, ApplicationWithATimeZoneOfItsOwn.class);
    }

    @Test
    void a_membership_looked_up_around_the_gate() {
        assertViolated(DependencyRules.ONE_GATE_TO_A_MEMBERSHIP, ApplicationAroundTheMemberGate.class);
    }

    @Test
    void a_package_cycle() {
        assertViolated(DependencyRules.NO_PACKAGE_CYCLES, Left.class, Right.class);
    }

    @Test
    void a_class_depending_on_the_composition_root() {
        assertViolated(DependencyRules.NOTHING_DEPENDS_ON_THE_COMPOSITION_ROOT, ApplicationUsingAnAdapter.class);
    }

    private static void assertViolated(ArchRule rule, Class<?>... offenders) {
        JavaClasses classes = new ClassFileImporter().importClasses(offenders);
        assertThatThrownBy(() -> rule.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(offenders[0].getName())
                .hasMessageContaining("because");
    }

    /** As above, and the message names the classes of the library (or package) that broke the rule. */
    private static void assertViolatedThrough(ArchRule rule, Class<?> offender, String... dependencies) {
        JavaClasses classes = new ClassFileImporter().importClasses(offender);
        assertThatThrownBy(() -> rule.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(offender.getName())
                .hasMessageContaining("because")
                .message().contains(dependencies);
    }
}
