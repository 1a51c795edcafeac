package nl.klantspiegel.application.violation;

import org.bson.Document;

/** Deliberately wrong: a use case building database documents. */
public class ApplicationUsingMongoDb {
    Object document() {
        return new Document("_id", 1);
    }
}
