package nl.klantspiegel.application.violation;

import org.axonframework.extensions.mongo.MongoTemplate;

/** Deliberately wrong: the application reaching the event store's collections through axon-mongo's MongoTemplate. */
public class ApplicationUsingAxonMongoTemplate {
    long events(MongoTemplate mongo) {
        return mongo.eventCollection().countDocuments();
    }
}
