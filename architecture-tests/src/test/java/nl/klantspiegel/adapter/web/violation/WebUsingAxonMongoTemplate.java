package nl.klantspiegel.adapter.web.violation;

import org.axonframework.extensions.mongo.MongoTemplate;

/** Deliberately wrong: a controller counting stored events through axon-mongo's MongoTemplate. */
public class WebUsingAxonMongoTemplate {
    long events(MongoTemplate mongo) {
        return mongo.eventCollection().countDocuments();
    }
}
