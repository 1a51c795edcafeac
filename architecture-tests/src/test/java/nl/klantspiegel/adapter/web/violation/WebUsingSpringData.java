package nl.klantspiegel.adapter.web.violation;

import org.springframework.data.mongodb.core.MongoTemplate;

/** Deliberately wrong: a controller reading the read model with Spring Data's MongoTemplate, past the use cases. */
public class WebUsingSpringData {
    Object view(MongoTemplate mongo, String id) {
        return mongo.findById(id, Object.class, "assessment_views");
    }
}
