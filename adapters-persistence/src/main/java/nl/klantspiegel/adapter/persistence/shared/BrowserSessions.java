package nl.klantspiegel.adapter.persistence.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.ReplaceOptions;
import org.springframework.session.data.mongo.JdkMongoSessionConverter;
import org.springframework.session.data.mongo.MongoIndexedSessionRepository;
import org.springframework.session.data.mongo.MongoSession;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The browsers' sessions, in the database every node shares (Spring Session's MongoDB store, collection
 * {@value #COLLECTION}): a browser signed in on one node is signed in on every node, and signed out on every node once
 * it signs out on any. Spring Session refuses an expired session when it reads it; {@link ExpiredEntriesSweeper}
 * removes them (the embedded database ignores the TTL index a real MongoDB would use for that).
 *
 * <p>Two things differ from Spring Session's own repository:
 * <ul>
 *   <li><b>A session that was signed out stays signed out.</b> Spring Session writes a session back whole at the end of
 *   every request, as an upsert: a request that read the session on one node just before it was signed out on another
 *   would write it back, signed in again. Here only a session made by this node and not yet written is inserted; any
 *   other is replaced only while it still exists.</li>
 *   <li><b>Only the classes a session holds are read back.</b> The attributes are Java-serialised (Spring Security's
 *   context with the product's own authentication); reading them back admits only the JDK's base module, Spring
 *   Security and the product's own classes, so a document someone wrote into the database cannot make the node build
 *   arbitrary objects. Attributes that cannot be read (written by an incompatible version, say) count as none: that
 *   browser is simply signed out.</li>
 * </ul>
 */
final class BrowserSessions extends MongoIndexedSessionRepository {

    static final String COLLECTION = "sessions";
    private static final Logger log = LoggerFactory.getLogger(BrowserSessions.class);
    private static final ObjectInputFilter READABLE = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;java.base/*;org.springframework.security.**;nl.klantspiegel.**;!*");
    private static final TypeDescriptor SESSION = TypeDescriptor.valueOf(MongoSession.class);
    private static final TypeDescriptor DOCUMENT = TypeDescriptor.valueOf(com.mongodb.DBObject.class);

    private final MongoOperations mongo;
    private final JdkMongoSessionConverter converter;
    /** Sessions made here and not yet written: the only ones a write may insert. */
    private final Set<MongoSession> unwritten = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    BrowserSessions(MongoOperations mongo, Duration timeout, ClassLoader classLoader) {
        super(mongo);
        this.mongo = mongo;
        this.converter = new JdkMongoSessionConverter(new SerializingConverter(),
                bytes -> readAttributes(bytes, classLoader), timeout);
        setMongoSessionConverter(converter);
        setDefaultMaxInactiveInterval(timeout);
        setCollectionName(COLLECTION);
    }

    @Override
    public MongoSession createSession() {
        MongoSession session = super.createSession();
        unwritten.add(session);
        return session;
    }

    @Override
    public void save(MongoSession session) {
        if (unwritten.remove(session)) {
            super.save(session);
            return;
        }
        Object document = converter.convert(session, SESSION, DOCUMENT);
        // not an upsert: a session deleted meanwhile (signed out, on any node) is not brought back
        mongo.replace(Query.query(Criteria.where("_id").is(session.getId())), document, ReplaceOptions.none(),
                COLLECTION);
    }

    private static Object readAttributes(byte[] bytes, ClassLoader classLoader) {
        try (ObjectInputStream in = new ConfigurableObjectInputStream(new ByteArrayInputStream(bytes), classLoader)) {
            in.setObjectInputFilter(READABLE);
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException unreadable) {
            log.warn("A browser session's attributes could not be read ({}); that browser is signed out",
                    unreadable.toString());
            return new HashMap<String, Object>();
        }
    }
}
