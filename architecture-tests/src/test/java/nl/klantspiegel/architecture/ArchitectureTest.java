package nl.klantspiegel.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules hold for the product's own classes (tests excluded). */
class ArchitectureTest {

    static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(DependencyRules.ROOT);
        // the rules must see every module, or they would pass by seeing nothing
        assertThat(product.containPackage("nl.klantspiegel.domain.assessment")).isTrue();
        assertThat(product.containPackage("nl.klantspiegel.domain.organisation")).isTrue();
        assertThat(product.containPackage("nl.klantspiegel.domain.account")).isTrue();
        assertThat(product.containPackage("nl.klantspiegel.application.organisation")).isTrue();
        assertThat(product.containPackage("nl.klantspiegel.adapter.web.security")).isTrue();
        assertThat(product.containPackage("nl.klantspiegel.application.assessment")).isTrue();
        assertThat(product.containPackage("nl.klantspiegel.adapter.web")).isTrue();
        assertThat(product.containPackage("nl.klantspiegel.adapter.persistence.eventstore")).isTrue();
        assertThat(product.containPackage("nl.klantspiegel.adapter.processing")).isTrue();
        assertThat(product.containPackage("nl.klantspiegel.boot")).isTrue();
    }

    @Test
    void one_hash_for_chains_and_secrets() {
        check(DependencyRules.ONE_HASH_FOR_CHAINS_AND_SECRETS);
    }

    @Test
    void one_time_zone() {
        check(DependencyRules.ONE_TIME_ZONE);
    }

    @Test
    void one_gate_to_a_membership() {
        check(DependencyRules.ONE_GATE_TO_A_MEMBERSHIP);
    }

    @Test
    void domain_depends_on_the_jdk_only() {
        check(DependencyRules.DOMAIN_DEPENDS_ON_THE_JDK_ONLY);
    }

    @Test
    void application_uses_only_the_domain_axon_and_caffeine() {
        check(DependencyRules.APPLICATION_USES_ONLY_THE_DOMAIN_AXON_AND_CAFFEINE);
    }

    @Test
    void application_knows_no_web_no_database_no_adapter() {
        check(DependencyRules.APPLICATION_KNOWS_NO_WEB_NO_DATABASE_NO_ADAPTER);
    }

    @Test
    void the_web_adapter_uses_only_use_cases_and_web_libraries() {
        check(DependencyRules.WEB_ADAPTER_USES_ONLY_USE_CASES_AND_WEB_LIBRARIES);
    }

    @Test
    void the_web_adapter_reaches_the_application_only_through_use_cases() {
        check(DependencyRules.WEB_ADAPTER_REACHES_THE_APPLICATION_ONLY_THROUGH_USE_CASES);
    }

    @Test
    void the_web_adapter_does_not_use_persistence() {
        check(DependencyRules.WEB_ADAPTER_DOES_NOT_USE_PERSISTENCE);
    }

    @Test
    void the_persistence_adapter_uses_only_ports_and_storage_libraries() {
        check(DependencyRules.PERSISTENCE_ADAPTER_USES_ONLY_PORTS_AND_STORAGE_LIBRARIES);
    }

    @Test
    void the_persistence_adapter_serves_no_http() {
        check(DependencyRules.PERSISTENCE_ADAPTER_SERVES_NO_HTTP);
    }

    @Test
    void the_persistence_adapter_does_not_use_web() {
        check(DependencyRules.PERSISTENCE_ADAPTER_DOES_NOT_USE_WEB);
    }

    @Test
    void the_processing_adapter_uses_only_ports_and_axon() {
        check(DependencyRules.PROCESSING_ADAPTER_USES_ONLY_PORTS_AND_AXON);
    }

    @Test
    void axons_event_processing_only_in_its_adapter() {
        check(DependencyRules.AXON_EVENT_PROCESSING_ONLY_IN_ITS_ADAPTER);
    }

    @Test
    void spring_security_only_in_the_web_adapter_and_boot() {
        check(DependencyRules.SPRING_SECURITY_ONLY_IN_THE_WEB_ADAPTER_AND_BOOT);
    }

    @Test
    void boot_wires_without_touching_the_database() {
        check(DependencyRules.BOOT_WIRES_WITHOUT_TOUCHING_THE_DATABASE);
    }

    @Test
    void no_package_cycles() {
        check(DependencyRules.NO_PACKAGE_CYCLES);
    }

    @Test
    void nothing_depends_on_the_composition_root() {
        check(DependencyRules.NOTHING_DEPENDS_ON_THE_COMPOSITION_ROOT);
    }

    private static void check(ArchRule rule) {
        rule.check(product);
    }
}
