package nl.klantspiegel.adapter.persistence.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 database with its collections' documents kept as BSON ({@link BsonDocuments}); the maps and
 * their names are the backend's own, so a data file written before opens as it was.
 */
final class BsonH2Database extends H2Database {

    /** The store while the super constructor runs: it may open collections before this object's fields are set. */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private final MVStore store;

    private BsonH2Database(String name, MVStore store, CursorRegistry cursors) {
        super(name, store, cursors);
        this.store = store;
    }

    static BsonH2Database open(String name, MVStore store, CursorRegistry cursors) {
        OPENING.set(store);
        try {
            return new BsonH2Database(name, store, cursors);
        } finally {
            OPENING.remove();
        }
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore mvStore = store != null ? store : OPENING.get();
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> documents = mvStore.openMap("databases." + fullName,
                new MVMap.Builder<Object, Document>().valueType(castDocuments(new BsonDocuments())));
        MVMap<String, Object> meta = mvStore.openMap("meta." + fullName);
        return new H2Collection(this, collectionName, options, documents, meta, cursorRegistry);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.h2.mvstore.type.DataType<Document> castDocuments(BsonDocuments type) {
        return (org.h2.mvstore.type.DataType) type;
    }
}
