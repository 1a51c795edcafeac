package nl.klantspiegel.adapter.persistence.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;

/**
 * mongo-java-server's H2 database with its collections' documents kept as BSON ({@link BsonDocuments}) and the keys of
 * the unique indexes it makes ordered by their values ({@link IndexKeys}); the maps and their names are the backend's
 * own, so a data file written before opens as it was. Which indexes were made with {@link IndexKeys} is noted in the
 * store ({@value #KEYED_BY_VALUE}): an index from before, made with H2's object type, keeps it (its order is that
 * type's; changing it would lose keys).
 */
final class BsonH2Database extends H2Database {

    /** The store while the super constructor runs: it may open collections before this object's fields are set. */
    private static final System.Logger LOG = System.getLogger(BsonH2Database.class.getName());
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();
    /** The names of the index maps made with {@link IndexKeys}. */
    static final String KEYED_BY_VALUE = "klantspiegel.indexes-keyed-by-value";

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

    /** The store, also while the super constructor runs (before this object's fields are set). */
    private MVStore mvStore() {
        return store != null ? store : OPENING.get();
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore mvStore = mvStore();
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> documents = mvStore.openMap("databases." + fullName,
                new MVMap.Builder<Object, Document>().valueType(castDocuments(new BsonDocuments())));
        MVMap<String, Object> meta = mvStore.openMap("meta." + fullName);
        return new CopyOnUpdateH2Collection(this, collectionName, options, documents, meta, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        MVStore mvStore = mvStore();
        String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        MVMap<String, Boolean> keyedByValue = mvStore.openMap(KEYED_BY_VALUE);
        if (mvStore.hasMap(mapName) && !keyedByValue.containsKey(mapName)) {
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }
        keyedByValue.put(mapName, Boolean.TRUE);
        MVMap<KeyValue, Object> index = mvStore.openMap(mapName,
                new MVMap.Builder<KeyValue, Object>().keyType(castKeys(new IndexKeys())));
        return new ValueKeyedIndex(index, indexName, keys, sparse);
    }

    /**
     * A secondary (not unique) index: the backend keeps none (every query but one by {@code _id} scans), and says so
     * in its log once per index. Its own stand-in counts as empty, so at every start the backend read every document
     * of the collection twice to "build" it: 3.3 s of a start on a store of 200,000 events, for the event store's
     * {@code timestamp} index (there for a real MongoDB). This one holds nothing and has nothing to build.
     */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        LOG.log(System.Logger.Level.DEBUG, "Secondary index {0} of {1} not kept: queries on it scan", indexName,
                collectionName);
        return new EmptyIndex<>(indexName, keys) {
            @Override
            public boolean isEmpty() {
                return false;
            }
        };
    }

    /** A unique index in a map keyed by {@link IndexKeys}: what the backend's own H2 index does, in a map of ours. */
    private static final class ValueKeyedIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        ValueKeyedIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.h2.mvstore.type.DataType<KeyValue> castKeys(IndexKeys type) {
        return (org.h2.mvstore.type.DataType) type;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.h2.mvstore.type.DataType<Document> castDocuments(BsonDocuments type) {
        return (org.h2.mvstore.type.DataType) type;
    }
}
