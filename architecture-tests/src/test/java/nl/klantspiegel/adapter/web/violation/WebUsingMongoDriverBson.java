package nl.klantspiegel.adapter.web.violation;

import com.mongodb.client.MongoClient;
import org.bson.Document;

/** Deliberately wrong: a controller querying the database with the MongoDB driver and BSON documents. */
public class WebUsingMongoDriverBson {
    Document view(MongoClient client, String id) {
        return client.getDatabase("klantspiegel").getCollection("assessment_views")
                .find(new Document("_id", id)).first();
    }
}
