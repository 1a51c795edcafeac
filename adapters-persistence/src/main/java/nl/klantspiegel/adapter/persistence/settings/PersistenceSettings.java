package nl.klantspiegel.adapter.persistence.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The persistence adapter's settings ({@code klantspiegel.*}), typed, with their defaults here alone and checked when a
 * node starts (a value out of range stops it, naming the setting); Spring Boot's configuration processor makes their
 * metadata, which {@code docs/configuration.md} follows. The product's other settings are the composition root's
 * ({@code KlantspiegelProperties}) and the web adapter's ({@code WebSettings}).
 *
 * @param dataDir        the embedded database's directory (and the scorings' by default)
 * @param scoringsDir    where an analyst's alternative scorings are read from; empty: {@code <dataDir>/scorings}
 * @param cluster        whether this node is one of several on one database: then it refuses to open an embedded
 *                       database that only it would use
 * @param nodeId         this node's name among the nodes on the database; empty: the process and host and a random part
 * @param cleanupEvery   how often expired sessions, sign-in throttles and rate-limit buckets are removed
 * @param embeddedMongo  the embedded database
 * @param eventStore     the event store
 * @param projections    the token store the projections share
 */
@ConfigurationProperties("klantspiegel")
public record PersistenceSettings(
        @DefaultValue("./data") Path dataDir,
        Path scoringsDir,
        @DefaultValue("false") boolean cluster,
        @DefaultValue("") String nodeId,
        @DefaultValue("10m") Duration cleanupEvery,
        @DefaultValue EmbeddedMongo embeddedMongo,
        @DefaultValue EventStore eventStore,
        @DefaultValue Projections projections) {

    public PersistenceSettings {
        positive("cleanup-every", cleanupEvery);
    }

    /** The scorings' directory: the one set, or {@code scorings} in the data directory. */
    public Path scorings() {
        return scoringsDir != null ? scoringsDir : dataDir.resolve("scorings");
    }

    /**
     * @param port empty (the default): no port at all; a number: also listen on that loopback port without
     *             authentication, to look inside with {@code mongosh}, or to serve the other nodes of a cluster on this
     *             machine (0 for any free port; the log names it)
     */
    public record EmbeddedMongo(Integer port) {
        public EmbeddedMongo {
            if (port != null && (port < 0 || port > 65_535)) {
                throw new IllegalArgumentException("klantspiegel.embedded-mongo.port must be a port (0 to 65535), not "
                        + port);
            }
        }
    }

    /** @param batchSize events per read: a tracking processor's batch, a page of an aggregate's events */
    public record EventStore(@DefaultValue("500") int batchSize) {
        public EventStore {
            if (batchSize < 1) {
                throw new IllegalArgumentException("klantspiegel.event-store.batch-size must be at least 1, not "
                        + batchSize);
            }
        }
    }

    /**
     * @param claimTimeout after how long a segment's claim that its node stopped extending may be taken by another node
     *                     (the coordination of the projections keeps its node timeout below it)
     */
    public record Projections(@DefaultValue("10s") Duration claimTimeout) {
        public Projections {
            positive("projections.claim-timeout", claimTimeout);
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("klantspiegel." + name + " must be longer than zero, not " + value);
        }
    }
}
