package nl.klantspiegel.application.violation;

import org.springframework.data.mongodb.core.MongoTemplate;

/** Deliberately wrong: a use case reading the database through Spring Data's MongoTemplate. */
public class ApplicationUsingMongoTemplate {
    Object find(MongoTemplate mongo, String id) {
        return mongo.findById(id, Object.class, "assessment_views");
    }
}
