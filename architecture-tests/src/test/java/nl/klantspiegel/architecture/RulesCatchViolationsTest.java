package nl.klantspiegel.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import nl.klantspiegel.adapter.persistence.violation.PersistenceCallingTheWebAdapter;
import nl.klantspiegel.adapter.web.violation.WebReadingTheDatabase;
import nl.klantspiegel.application.violation.ApplicationUsingAnAdapter;
import nl.klantspiegel.application.violation.ApplicationUsingMongoDb;
import nl.klantspiegel.application.violation.ApplicationUsingSpringWeb;
import nl.klantspiegel.domain.violation.DomainUsingAFramework;
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
    void an_application_class_using_spring_web_mongodb_or_an_adapter() {
        assertViolated(DependencyRules.APPLICATION_KNOWS_NO_WEB_NO_DATABASE_NO_ADAPTER, ApplicationUsingSpringWeb.class);
        assertViolated(DependencyRules.APPLICATION_KNOWS_NO_WEB_NO_DATABASE_NO_ADAPTER, ApplicationUsingMongoDb.class);
        assertViolated(DependencyRules.APPLICATION_KNOWS_NO_WEB_NO_DATABASE_NO_ADAPTER, ApplicationUsingAnAdapter.class);
    }

    @Test
    void adapters_using_each_other() {
        assertViolated(DependencyRules.WEB_ADAPTER_DOES_NOT_USE_PERSISTENCE, WebReadingTheDatabase.class);
        assertViolated(DependencyRules.PERSISTENCE_ADAPTER_DOES_NOT_USE_WEB, PersistenceCallingTheWebAdapter.class);
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
}
