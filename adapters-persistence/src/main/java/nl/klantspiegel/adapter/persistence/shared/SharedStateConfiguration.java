package nl.klantspiegel.adapter.persistence.shared;

import nl.klantspiegel.adapter.persistence.settings.PersistenceSettings;
import nl.klantspiegel.application.port.out.OneTimeTasks;
import nl.klantspiegel.application.port.out.SignInThrottles;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.session.SessionRepository;

import java.time.Clock;
import java.time.Duration;

/**
 * What the nodes of one installation share besides the event store and the read models, all in the one database:
 * browser sessions (a {@link SessionRepository}; the web adapter serves them over HTTP), sign-in throttles, the rate
 * limits' token buckets (a Bucket4j {@link ProxyManager}) and the one-time start-up tasks. Nothing of it lives in a
 * node's memory, so any node can answer any request.
 */
@Configuration(proxyBeanMethods = false)
public class SharedStateConfiguration {

    /**
     * @param timeout how long a session lasts unused: Spring Boot's own keys, read as Spring Boot reads them (its
     *                {@code SessionProperties} would bring the web server's settings into this adapter)
     */
    @Bean
    SessionRepository<?> browserSessions(MongoTemplate mongoTemplate,
                                         @Value("${spring.session.timeout:${server.servlet.session.timeout:30m}}")
                                         Duration timeout) {
        return new BrowserSessions(mongoTemplate, timeout, SharedStateConfiguration.class.getClassLoader());
    }

    @Bean
    SignInThrottles signInThrottles(MongoTemplate mongoTemplate) {
        return new MongoSignInThrottles(mongoTemplate);
    }

    @Bean
    ProxyManager<String> rateLimitBuckets(MongoTemplate mongoTemplate) {
        return new MongoRateLimitBuckets(mongoTemplate);
    }

    @Bean
    OneTimeTasks oneTimeTasks(MongoTemplate mongoTemplate) {
        return new MongoOneTimeTasks(mongoTemplate);
    }

    /** Removes expired sessions, throttles and buckets every {@code klantspiegel.cleanup-every}. */
    @Bean(destroyMethod = "close")
    ExpiredEntriesSweeper expiredEntriesSweeper(MongoTemplate mongoTemplate, PersistenceSettings settings) {
        ExpiredEntriesSweeper sweeper = new ExpiredEntriesSweeper(mongoTemplate, Clock.systemUTC());
        sweeper.start(settings.cleanupEvery());
        return sweeper;
    }
}
