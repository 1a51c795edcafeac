package nl.klantspiegel.boot;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.binder.MeterBinder;
import nl.klantspiegel.application.port.out.DurableCommits;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/**
 * What the store's commits cost, as metrics, when the store reports it ({@link DurableCommits}: the embedded
 * database): {@code klantspiegel.store.commit} (commits forced to disk, and their time until the disk had them) and
 * {@code klantspiegel.store.commit.cpu} (the same commits, and the CPU time of the threads that made them). Only the
 * health endpoint is exposed over HTTP; the product benchmark starts the product with
 * {@code --management.endpoints.web.exposure.include=health,metrics} to read them.
 */
@Configuration(proxyBeanMethods = false)
class StoreMetricsConfiguration {

    @Bean
    MeterBinder storeCommitMetrics(ObjectProvider<DurableCommits> store) {
        return registry -> store.ifAvailable(commits -> {
            FunctionTimer.builder("klantspiegel.store.commit", commits, DurableCommits::commits,
                            DurableCommits::commitNanos, TimeUnit.NANOSECONDS)
                    .description("Commits of the embedded database forced to disk, and their time until the disk had "
                            + "them")
                    .register(registry);
            FunctionTimer.builder("klantspiegel.store.commit.cpu", commits, DurableCommits::commits,
                            DurableCommits::commitCpuNanos, TimeUnit.NANOSECONDS)
                    .description("Commits of the embedded database forced to disk, and the CPU time of the threads "
                            + "that made them")
                    .register(registry);
        });
    }
}
