package nl.klantspiegel.domain.violation;

import java.sql.Timestamp;
import java.time.Instant;

/** Deliberately wrong: the domain using the JDK's database API (JDBC's timestamp) for a moment in time. */
public class DomainUsingJavaSql {
    Timestamp completedAt(Instant at) {
        return Timestamp.from(at);
    }
}
