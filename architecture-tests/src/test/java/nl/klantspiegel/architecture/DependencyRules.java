package nl.klantspiegel.architecture;

import com.tngtech.archunit.lang.ArchRule;

import java.util.Arrays;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.conditions.ArchConditions.dependOnClassesThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The direction of dependencies: the domain in the middle, the application around it, the adapters outside,
 * and the boot package (the composition root) wiring them together.
 * <p>
 * Each layer has an allow-list: our own packages it may use and the libraries it may use, by name. Whatever
 * is not on the list (a new library, or a library of another layer) is a violation until someone puts it on
 * the list with a reason. A few deny rules say the boundaries that matter most once more, in their own words.
 */
final class DependencyRules {

    static final String ROOT = "nl.klantspiegel";
    static final String DOMAIN = "nl.klantspiegel.domain..";
    static final String APPLICATION = "nl.klantspiegel.application..";
    static final String USE_CASES = "nl.klantspiegel.application.port.in..";
    static final String OUTGOING_PORTS = "nl.klantspiegel.application.port.out..";
    static final String WEB_ADAPTER = "nl.klantspiegel.adapter.web..";
    static final String PERSISTENCE_ADAPTER = "nl.klantspiegel.adapter.persistence..";
    static final String PROCESSING_ADAPTER = "nl.klantspiegel.adapter.processing..";
    static final String ADAPTERS = "nl.klantspiegel.adapter..";
    static final String BOOT = "nl.klantspiegel.boot..";

    /** The part of the JDK that computes and reads the class path, but reaches no database, network or file. */
    private static final String[] JDK_CORE = {
            "java.lang..", "java.util..", "java.time..", "java.math..", "java.io..", "java.nio.charset..",
            "java.text.."};
    /** All of the JDK: the adapters are where the outside world (sockets, files) is reached. */
    private static final String JDK = "java..";

    /** Axon's core: messages, aggregates, event sourcing, its own configuration API. No Spring, no storage. */
    private static final String[] AXON_CORE = {
            "org.axonframework.commandhandling..", "org.axonframework.eventhandling..",
            "org.axonframework.messaging..", "org.axonframework.modelling..", "org.axonframework.eventsourcing..",
            "org.axonframework.config..", "org.axonframework.common.."};
    private static final String CAFFEINE = "com.github.benmanes.caffeine..";
    private static final String JACKSON = "com.fasterxml.jackson..";
    private static final String SLF4J = "org.slf4j..";
    private static final String SPRING_SECURITY = "org.springframework.security..";
    private static final String SPRING_BOOT_SECURITY = "org.springframework.boot.autoconfigure.security..";
    private static final String SPRING_SESSION = "org.springframework.session..";

    static final ArchRule DOMAIN_DEPENDS_ON_THE_JDK_ONLY = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    concat(new String[] {DOMAIN, "java.security.."}, JDK_CORE))
            .because("the decisions of the test (may this answer be given, is it complete, what is the score) "
                    + "must stay pure and testable without any framework, and outlive every one of them; "
                    + "of the JDK only what computes (SHA-256 for the export's chain included): no database "
                    + "(java.sql), network, files or javax");

    static final ArchRule APPLICATION_USES_ONLY_THE_DOMAIN_AXON_AND_CAFFEINE = classes()
            .that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    concat(new String[] {APPLICATION, DOMAIN, CAFFEINE, "java.security.."}, AXON_CORE, JDK_CORE))
            .because("the application is use cases, ports and the Axon shell around the domain: Axon's core, "
                    + "Caffeine (the aggregate cache) and the JDK's hashing and randomness (for "
                    + "tokens and the audit chain) are all it needs; Spring, Spring Data, MongoTemplate, the MongoDB "
                    + "driver, BSON, Jackson and Spring Security are details of the adapters");

    static final ArchRule APPLICATION_KNOWS_NO_WEB_NO_DATABASE_NO_ADAPTER = noClasses()
            .that().resideInAPackage(APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta.servlet..", "com.mongodb..", "org.bson..",
                    ADAPTERS, BOOT)
            .because("use cases speak through ports; HTTP, Spring, MongoDB and the adapters are details "
                    + "outside the hexagon, wired in by the boot package");

    static final ArchRule WEB_ADAPTER_USES_ONLY_USE_CASES_AND_WEB_LIBRARIES = classes()
            .that().resideInAPackage(WEB_ADAPTER)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    WEB_ADAPTER, DOMAIN, USE_CASES,
                    "org.springframework.web..", "org.springframework.http..", SPRING_SECURITY,
                    "org.springframework.boot.web..", SPRING_BOOT_SECURITY,
                    "org.springframework.context..", "org.springframework.beans..", "org.springframework.core..",
                    "org.springframework.stereotype..", "org.springframework.util..",
                    "jakarta.servlet..", JACKSON, "io.swagger..", "org.springdoc..", "org.springframework.boot.info..",
                    "org.springframework.boot.context.properties..", "io.github.bucket4j..", CAFFEINE,
                    "org.apache.commons.csv..", "com.google.zxing..", SPRING_SESSION, SLF4J, JDK)
            .because("the web adapter turns HTTP into calls of use cases and back: Spring MVC, Spring Security, "
                    + "Spring Session's HTTP side (sessions served from a repository it does not know), the servlet "
                    + "API, Jackson, the OpenAPI annotations and springdoc's customizers (with the build's version), "
                    + "its typed settings (Spring Boot's configuration properties), rate limiting (Bucket4j's buckets, kept wherever the "
                    + "persistence adapter keeps them), CSV and QR codes are its tools; the database (Spring Data, "
                    + "MongoTemplate, the MongoDB driver, BSON) and Axon are not");

    static final ArchRule WEB_ADAPTER_REACHES_THE_APPLICATION_ONLY_THROUGH_USE_CASES = noClasses()
            .that().resideInAPackage(WEB_ADAPTER)
            .should().dependOnClassesThat(resideInAPackage(APPLICATION).and(resideOutsideOfPackage(USE_CASES))
                    .or(resideInAPackage("org.axonframework..")))
            .because("a request goes through a use case (application.port.in), which checks and decides; "
                    + "sending Axon commands, or using the aggregate, projections or outgoing ports, "
                    + "would bypass it");

    static final ArchRule WEB_ADAPTER_DOES_NOT_USE_PERSISTENCE = noClasses()
            .that().resideInAPackage(WEB_ADAPTER)
            .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE_ADAPTER, PROCESSING_ADAPTER, BOOT)
            .because("adapters only meet in the application's ports: the web adapter reads through use cases, "
                    + "never from the database");

    /** Spring Boot's auto-configuration as a whole; its web and security parts are kept out by the deny rules. */
    static final ArchRule PERSISTENCE_ADAPTER_USES_ONLY_PORTS_AND_STORAGE_LIBRARIES = classes()
            .that().resideInAPackage(PERSISTENCE_ADAPTER)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    PERSISTENCE_ADAPTER, DOMAIN, OUTGOING_PORTS, USE_CASES,
                    "org.springframework.data..", "org.springframework.boot.autoconfigure..",
                    "org.springframework.boot.context.properties..",
                    "org.springframework.context..", "org.springframework.beans..", "org.springframework.core..",
                    "org.springframework.util..", "com.mongodb..", "org.bson..",
                    "org.axonframework.eventsourcing..", "org.axonframework.eventhandling..",
                    "org.axonframework.messaging..", "org.axonframework.serialization..",
                    "org.axonframework.common..", "org.axonframework.config..", "org.axonframework.extensions.mongo..",
                    JACKSON, "de.bwaldvogel..", "org.h2..", "io.netty..", SPRING_SESSION, "io.github.bucket4j..",
                    "org.springframework.boot.diagnostics..", SLF4J, JDK)
            .because("the persistence adapter implements the outgoing ports, and stores the views the use cases "
                    + "return, with Spring Data MongoDB, the MongoDB driver, BSON, Axon's event and token stores, "
                    + "Jackson and the embedded database (mongo-java-server, H2, Netty), with its typed settings "
                    + "(Spring Boot's configuration properties); it also keeps what the nodes "
                    + "share in that database: browser sessions (Spring Session's MongoDB repository) and the rate "
                    + "limits' buckets (Bucket4j's compare-and-swap store), and says why a node refuses to start "
                    + "without its database (a Spring Boot failure analysis); it handles no commands, serves no HTTP "
                    + "and checks no caller");

    static final ArchRule PERSISTENCE_ADAPTER_SERVES_NO_HTTP = noClasses()
            .that().resideInAPackage(PERSISTENCE_ADAPTER)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
                    "org.springframework.boot.web..", "org.springframework.boot.autoconfigure.web..")
            .because("HTTP is the web adapter's: storage that serves requests itself would be a second API "
                    + "around the use cases, unchecked by them and by the web adapter's protection");

    static final ArchRule PERSISTENCE_ADAPTER_DOES_NOT_USE_WEB = noClasses()
            .that().resideInAPackage(PERSISTENCE_ADAPTER)
            .should().dependOnClassesThat().resideInAnyPackage(WEB_ADAPTER, BOOT)
            .because("adapters only meet in the application's ports: storage knows nothing of HTTP");

    static final ArchRule SPRING_SECURITY_ONLY_IN_THE_WEB_ADAPTER_AND_BOOT = noClasses()
            .that().resideOutsideOfPackages(WEB_ADAPTER, BOOT)
            .should().dependOnClassesThat().resideInAnyPackage(SPRING_SECURITY, SPRING_BOOT_SECURITY)
            .because("who may call what is decided at the edge, on the HTTP request: the domain, the use cases "
                    + "and storage must work the same whoever calls them, and be testable without a security "
                    + "context");

    /** Spring Boot as a whole: the composition root starts it, configures it and reports health through it. */
    static final ArchRule BOOT_WIRES_WITHOUT_TOUCHING_THE_DATABASE = classes()
            .that().resideInAPackage(BOOT)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(new String[] {
                    BOOT, DOMAIN, APPLICATION, WEB_ADAPTER, PROCESSING_ADAPTER,
                    "org.springframework.boot..", "org.springframework.context..", "org.springframework.beans..",
                    "org.springframework.core..", "org.springframework.stereotype..", "org.springframework.util..",
                    "org.springframework.web..", "org.springframework.http..", SPRING_SECURITY,
                    "me.tongfei.progressbar..", "io.micrometer.core.instrument..", SLF4J, JDK}, AXON_CORE))
            .because("the composition root wires the application, Axon, the web adapter and the processing adapter "
                    + "(plain classes, made explicitly) with Spring Boot, "
                    + "runs the command-line commands (the rebuild's progress bar) and registers the metrics a port "
                    + "reports (Micrometer, as Spring Boot's actuator has it); the persistence adapter plugs in by "
                    + "auto-configuration from the runtime class path, so neither its classes nor Spring Data, "
                    + "MongoTemplate, the MongoDB driver or BSON belong here");

    /** Axon's event processing: the processors, their segments and status, the token store and its claims. */
    private static final String[] AXON_EVENT_PROCESSING = {
            "org.axonframework.eventhandling.StreamingEventProcessor",
            "org.axonframework.eventhandling.TrackingEventProcessor",
            "org.axonframework.eventhandling.TrackingEventProcessorConfiguration",
            "org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor",
            "org.axonframework.eventhandling.EventTrackerStatus",
            "org.axonframework.eventhandling.Segment",
            "org.axonframework.eventhandling.tokenstore.TokenStore",
            "org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException"};

    static final ArchRule PROCESSING_ADAPTER_USES_ONLY_PORTS_AND_AXON = classes()
            .that().resideInAPackage(PROCESSING_ADAPTER)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(new String[] {
                    PROCESSING_ADAPTER, OUTGOING_PORTS, "nl.klantspiegel.application.projection..",
                    "org.axonframework.eventhandling..", "org.axonframework.messaging..",
                    "org.axonframework.common.."}, JDK_CORE))
            .because("the processing adapter drives Axon's tracking processors and reads their tokens: plain Axon "
                    + "and the JDK; the token store, the claims, the nodes and the read models' versions it reaches "
                    + "through the ports out (stored by the persistence adapter), the projections it rebuilds as the "
                    + "application registers them; no Spring, no database, no HTTP, no use case");

    static final ArchRule AXON_EVENT_PROCESSING_ONLY_IN_ITS_ADAPTER = noClasses()
            .that().resideInAnyPackage(APPLICATION, DOMAIN, WEB_ADAPTER)
            .and().doNotHaveFullyQualifiedName("nl.klantspiegel.application.port.out.SharedTokens")
            .should(dependOnClassesThat(describe("are Axon's event processors or token store",
                    type -> Arrays.asList(AXON_EVENT_PROCESSING).contains(type.getName()))))
            .because("the use cases say what they need (has a projection caught up, rebuild one) through ports; "
                    + "how Axon's processors, segments and token claims do it across the nodes is the processing "
                    + "adapter's (the port of the shared token store names Axon's token store, which the persistence "
                    + "adapter implements for it)");

    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching(ROOT + ".(**)")
            .should().beFreeOfCycles()
            .because("a cycle between packages makes them one package in disguise, and the layering above "
                    + "meaningless");

    static final ArchRule NOTHING_DEPENDS_ON_THE_COMPOSITION_ROOT = noClasses()
            .that().resideOutsideOfPackage(BOOT)
            .should().dependOnClassesThat().resideInAPackage(BOOT)
            .because("the boot package wires everything together, so everything else must be usable without it");

    /** The one hash: chains and stored secrets are SHA-256 through {@code domain.integrity.Sha256} alone. */
    static final ArchRule ONE_HASH_FOR_CHAINS_AND_SECRETS = noClasses()
            .that().resideOutsideOfPackage("nl.klantspiegel.domain.integrity..")
            .and().doNotHaveFullyQualifiedName("nl.klantspiegel.domain.export.Pseudonyms")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.security.MessageDigest")
            .because("every chain (the export's, the audit trail's) and every stored secret is hashed the same way, "
                    + "in one place (Sha256 in the domain): a second hex helper drifts (another charset, upper case) "
                    + "and a chain or a token check breaks without a test noticing; the pseudonyms' HMAC is the one "
                    + "other user of the digest, keyed, by design");

    /** The one time zone: periods, releases and dates are counted in {@code ReportBasis.ZONE} alone. */
    static final ArchRule ONE_TIME_ZONE = noClasses()
            .that().doNotHaveFullyQualifiedName("nl.klantspiegel.domain.report.ReportBasis")
            .should().callMethod(java.time.ZoneId.class, "of", String.class)
            .orShould().callMethod(java.time.ZoneId.class, "systemDefault")
            .orShould().callMethod(java.util.TimeZone.class, "getDefault")
            .because("a release counts in the period and on the day the organisation lives in, the same in every "
                    + "report, CSV and export and on every node: a second zone (or the machine's own) puts a batch in "
                    + "another week on one page than on the next, and a figure moves by one respondent");

    /**
     * The one gate to a member's place in an organisation: {@code application.access.MemberGate}. No use case (a class
     * that implements a port in) and nothing in the web adapter looks a membership up on the organisation's view; the
     * projections that write the memberships' read model may.
     */
    static final ArchRule ONE_GATE_TO_A_MEMBERSHIP = noClasses()
            .that().implement(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(
                    "nl.klantspiegel.application.port.in.."))
            .or().resideInAPackage("nl.klantspiegel.adapter.web..")
            .should().callMethod("nl.klantspiegel.application.port.in.OrganisationView", "membership",
                    String.class.getName())
            .because("who reaches an organisation's data is decided once: a stranger learns nothing (404, as for an "
                    + "organisation that does not exist), the operator is refused, a member passes with the domain's "
                    + "Membership; a use case that looks the membership up itself can forget one of the three");

    private static String[] concat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }

    private DependencyRules() {
    }
}
