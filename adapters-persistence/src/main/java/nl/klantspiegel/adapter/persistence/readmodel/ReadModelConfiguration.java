package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.out.PseudonymKey;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The read models, in Spring Data MongoDB, in versions: the composition root opens the version of each that answers
 * (and switches to a rebuilt one).
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfiguration {

    @Bean
    ReadModelVersions readModelVersions(MongoTemplate mongoTemplate) {
        return new MongoReadModelVersions(mongoTemplate);
    }

    @Bean
    PseudonymKey pseudonymKey(MongoTemplate mongoTemplate) {
        return new MongoPseudonymKey(mongoTemplate);
    }
}
