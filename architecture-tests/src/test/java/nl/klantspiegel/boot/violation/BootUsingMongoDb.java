package nl.klantspiegel.boot.violation;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** Deliberately wrong: the composition root creating the database client itself. */
public class BootUsingMongoDb {
    MongoClient client() {
        return MongoClients.create("mongodb://localhost");
    }
}
