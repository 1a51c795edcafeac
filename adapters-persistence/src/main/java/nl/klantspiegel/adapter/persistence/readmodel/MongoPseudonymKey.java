package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.out.PseudonymKey;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.security.SecureRandom;

/**
 * The installation's pseudonym key in the {@code settings} collection ({@code _id: "pseudonymKey"}): made at random by
 * the first node that needs it, inserted only if absent (a node that loses that race reads the winner's), and then
 * read by everyone. It never changes, so a node keeps it once read.
 */
final class MongoPseudonymKey implements PseudonymKey {

    static final String ID = "pseudonymKey";
    private static final int BYTES = 32;

    private final MongoTemplate mongo;
    private volatile byte[] key;

    MongoPseudonymKey(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public byte[] key() {
        byte[] known = key;
        if (known == null) {
            known = readOrMake();
            key = known;
        }
        return known.clone();
    }

    private byte[] readOrMake() {
        Document stored = mongo.findById(ID, Document.class, MongoReadModelVersions.SETTINGS);
        if (stored == null) {
            byte[] fresh = new byte[BYTES];
            new SecureRandom().nextBytes(fresh);
            new Documents(mongo, MongoReadModelVersions.SETTINGS).insert(new Document("_id", ID)
                    .append("key", new Binary(fresh)));
            stored = mongo.findById(ID, Document.class, MongoReadModelVersions.SETTINGS);
        }
        return stored.get("key", Binary.class).getData();
    }
}
