package nl.klantspiegel.adapter.persistence.embedded;

/**
 * A node of a cluster ({@code klantspiegel.cluster=true}) that was not told which database the cluster shares: it
 * would open an embedded database of its own, and its data would split from the other nodes'.
 */
public final class ClusterWithoutDatabase extends IllegalStateException {

    static final String ACTION = "Set SPRING_DATA_MONGODB_URI (spring.data.mongodb.uri) on every node, e.g. "
            + "mongodb://db1,db2,db3/klantspiegel?replicaSet=rs0; or, on one machine, let one node serve its embedded "
            + "database with KLANTSPIEGEL_EMBEDDED_MONGO_PORT=27018 (klantspiegel.embedded-mongo.port) and give the "
            + "others SPRING_DATA_MONGODB_URI=mongodb://127.0.0.1:27018/klantspiegel?journal=true. Without "
            + "klantspiegel.cluster=true a single node runs on its own embedded database as before.";

    static final String DESCRIPTION = "klantspiegel.cluster=true, but this node was not told the cluster's "
            + "database: spring.data.mongodb.uri is not set, and it does not serve its embedded database on a port "
            + "(klantspiegel.embedded-mongo.port). It would open an embedded database of its own and split the "
            + "cluster's data, so it does not start.";

    ClusterWithoutDatabase() {
        super(DESCRIPTION + " " + ACTION);
    }
}
