package nl.klantspiegel.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The direction of dependencies: the domain in the middle, the application around it, the adapters outside,
 * and the boot package (the composition root) wiring them together.
 */
final class DependencyRules {

    static final String ROOT = "nl.klantspiegel";
    static final String DOMAIN = "nl.klantspiegel.domain..";
    static final String APPLICATION = "nl.klantspiegel.application..";
    static final String WEB_ADAPTER = "nl.klantspiegel.adapter.web..";
    static final String PERSISTENCE_ADAPTER = "nl.klantspiegel.adapter.persistence..";
    static final String ADAPTERS = "nl.klantspiegel.adapter..";
    static final String BOOT = "nl.klantspiegel.boot..";

    static final ArchRule DOMAIN_DEPENDS_ON_THE_JDK_ONLY = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
            .because("the decisions of the test (may this answer be given, is it complete, what is the score) "
                    + "must stay pure and testable without any framework, and outlive every one of them");

    static final ArchRule APPLICATION_KNOWS_NO_WEB_NO_DATABASE_NO_ADAPTER = noClasses()
            .that().resideInAPackage(APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta.servlet..", "com.mongodb..", "org.bson..",
                    ADAPTERS, BOOT)
            .because("use cases speak through ports; HTTP, Spring, MongoDB and the adapters are details "
                    + "outside the hexagon, wired in by the boot package");

    static final ArchRule WEB_ADAPTER_DOES_NOT_USE_PERSISTENCE = noClasses()
            .that().resideInAPackage(WEB_ADAPTER)
            .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE_ADAPTER, BOOT)
            .because("adapters only meet in the application's ports: the web adapter reads through use cases, "
                    + "never from the database");

    static final ArchRule PERSISTENCE_ADAPTER_DOES_NOT_USE_WEB = noClasses()
            .that().resideInAPackage(PERSISTENCE_ADAPTER)
            .should().dependOnClassesThat().resideInAnyPackage(WEB_ADAPTER, BOOT)
            .because("adapters only meet in the application's ports: storage knows nothing of HTTP");

    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching(ROOT + ".(**)")
            .should().beFreeOfCycles()
            .because("a cycle between packages makes them one package in disguise, and the layering above "
                    + "meaningless");

    static final ArchRule NOTHING_DEPENDS_ON_THE_COMPOSITION_ROOT = noClasses()
            .that().resideOutsideOfPackage(BOOT)
            .should().dependOnClassesThat().resideInAPackage(BOOT)
            .because("the boot package wires everything together, so everything else must be usable without it");

    private DependencyRules() {
    }
}
