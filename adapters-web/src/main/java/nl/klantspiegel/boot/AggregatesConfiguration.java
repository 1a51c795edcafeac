package nl.klantspiegel.boot;

import nl.klantspiegel.application.aggregate.CheckedCachingRepository;
import nl.klantspiegel.application.aggregate.RetryingCommandGateway;
import nl.klantspiegel.application.assessment.AssessmentAggregate;
import nl.klantspiegel.application.organisation.OrganisationAggregate;
import nl.klantspiegel.application.release.ReleasesAggregate;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The three aggregates, each in a repository whose cache is checked against the event store before a command uses it
 * ({@link CheckedCachingRepository}), and the command gateway every use case sends through, which tries a command
 * again when another node appended to the same aggregate at the same moment ({@link RetryingCommandGateway}).
 */
@Configuration(proxyBeanMethods = false)
public class AggregatesConfiguration {

    @Bean
    ConfigurerModule assessmentAggregate(KlantspiegelProperties settings) {
        return aggregate(AssessmentAggregate.class, settings.aggregateCache().size());
    }

    @Bean
    ConfigurerModule organisationAggregate(KlantspiegelProperties settings) {
        return aggregate(OrganisationAggregate.class, settings.aggregateCache().size());
    }

    @Bean
    ConfigurerModule releasesAggregate(KlantspiegelProperties settings) {
        return aggregate(ReleasesAggregate.class, settings.aggregateCache().size());
    }

    private static <T> ConfigurerModule aggregate(Class<T> type, long cacheSize) {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(type)
                .configureRepository(configuration -> CheckedCachingRepository.of(
                        EventSourcingRepository.builder(type)
                                .parameterResolverFactory(configuration.parameterResolverFactory())
                                .handlerDefinition(configuration.handlerDefinition(type)),
                        configuration.eventStore(), cacheSize)));
    }

    /** Replaces Axon's default gateway (which Spring Boot makes only when there is none). */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return new RetryingCommandGateway(DefaultCommandGateway.builder().commandBus(commandBus).build());
    }
}
