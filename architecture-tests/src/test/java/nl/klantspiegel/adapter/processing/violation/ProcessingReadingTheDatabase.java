package nl.klantspiegel.adapter.processing.violation;

import com.mongodb.client.MongoDatabase;

/** Deliberately wrong: the processing adapter reading the token collection itself, around the port. */
public class ProcessingReadingTheDatabase {
    long tokens(MongoDatabase database) {
        return database.getCollection("trackingtokens").countDocuments();
    }
}
