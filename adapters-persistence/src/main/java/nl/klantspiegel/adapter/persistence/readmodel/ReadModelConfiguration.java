package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.out.AssessmentViews;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The read models, in Spring Data MongoDB. */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfiguration {

    @Bean
    AssessmentViews assessmentViews(MongoTemplate mongoTemplate) {
        return new MongoAssessmentViews(mongoTemplate);
    }
}
