package nl.klantspiegel.boot;

import nl.klantspiegel.adapter.web.WebAdapter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Starts Klantspiegel. The web adapter is scanned, the application core is wired explicitly by
 * {@link AssessmentConfiguration}, and the persistence adapter plugs itself in through Spring Boot
 * auto-configuration from the runtime classpath: nothing here names a persistence class.
 */
@SpringBootApplication(scanBasePackageClasses = WebAdapter.class)
@org.springframework.boot.context.properties.EnableConfigurationProperties({KlantspiegelProperties.class,
        nl.klantspiegel.adapter.web.settings.WebSettings.class})
@Import({AggregatesConfiguration.class, ReadModelsConfiguration.class, AssessmentConfiguration.class,
        OrganisationConfiguration.class, StoreMetricsConfiguration.class})
public class KlantspiegelApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify-export")) {
            System.exit(VerifyExport.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("rebuild")) {
            System.exit(RebuildCommand.run(args, System.out, System.err));
        }
        // (Axon's notice of its hosted console is at DEBUG: application.properties)
        SpringApplication.run(KlantspiegelApplication.class, args);
    }
}
