package nl.klantspiegel.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The one line that says a node is ready: its version, how long the start took, where to open it, and which database
 * it uses (the embedded one with its file, or a MongoDB by its address, never with credentials). With the libraries'
 * routine start lines at DEBUG (application.properties), this, the embedded database's line and the operator's line
 * are what a start prints.
 */
final class StartupLog implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupLog.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        Environment environment = ready.getApplicationContext().getEnvironment();
        String base = base(environment);
        log.info("Klantspiegel {} ready in {} s at {}/ (organisations: {}/beheer/, API: {}/api-docs.html); database: {}",
                version(), seconds(ready.getTimeTaken()), base, base, base, database(environment));
    }

    static String version() {
        String version = KlantspiegelApplication.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    static String base(Environment environment) {
        String publicUrl = environment.getProperty("klantspiegel.public-url", "");
        return publicUrl.isBlank() ? "http://localhost:" + environment.getProperty("local.server.port", "8080")
                : publicUrl.replaceAll("/$", "");
    }

    /** The embedded database with its file, or the configured MongoDB's address without user and password. */
    static String database(Environment environment) {
        String uri = environment.getProperty("spring.data.mongodb.uri", "");
        if (uri.isBlank()) {
            Path file = Path.of(environment.getProperty("klantspiegel.data-dir", "./data")).toAbsolutePath()
                    .normalize().resolve("klantspiegel.mv.db");
            return "embedded, " + file;
        }
        return "MongoDB " + withoutCredentials(uri);
    }

    static String withoutCredentials(String uri) {
        return uri.replaceFirst("^(mongodb(\\+srv)?://)[^@/]*@", "$1").replaceFirst("\\?.*$", "");
    }

    private static String seconds(Duration taken) {
        return taken == null ? "?" : String.format(java.util.Locale.ROOT, "%.1f", taken.toMillis() / 1000.0);
    }
}
