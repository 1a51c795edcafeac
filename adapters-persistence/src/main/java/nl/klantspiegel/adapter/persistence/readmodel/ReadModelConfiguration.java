package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.settings.PersistenceSettings;
import nl.klantspiegel.application.port.out.Nodes;
import nl.klantspiegel.application.port.out.PseudonymKey;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import nl.klantspiegel.application.port.out.RebuildClaims;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * The read models, in Spring Data MongoDB, in versions: the composition root opens the version of each that answers
 * (and switches to a rebuilt one).
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfiguration {

    @Bean
    ReadModelVersions readModelVersions(MongoTemplate mongoTemplate) {
        return new MongoReadModelVersions(mongoTemplate);
    }

    /** Who rebuilds which projection: one claim document per projection. */
    @Bean
    RebuildClaims rebuildClaims(MongoTemplate mongoTemplate) {
        return new MongoRebuildClaims(mongoTemplate);
    }

    /**
     * This node and the others on the database. Its name ({@code klantspiegel.node-id}) must differ from every other
     * node's; by default the process and host ({@code pid@host}, as Axon names a node) and a random part, so that two
     * nodes in one process, or a restart with the same process id, differ too.
     */
    @Bean
    Nodes nodes(MongoTemplate mongoTemplate, PersistenceSettings settings) {
        String nodeId = settings.nodeId();
        return new MongoNodes(mongoTemplate, nodeId.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8)
                : nodeId);
    }

    @Bean
    PseudonymKey pseudonymKey(MongoTemplate mongoTemplate) {
        return new MongoPseudonymKey(mongoTemplate);
    }
}
