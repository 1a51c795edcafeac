package nl.klantspiegel.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The product's settings ({@code klantspiegel.*}), typed, with every default in one place and checked when a node
 * starts: a value out of range stops the start with the setting's name. Spring Boot's configuration processor makes
 * their metadata (an IDE completes and explains them; {@code docs/configuration.md} lists them). The web adapter's
 * are in {@link nl.klantspiegel.adapter.web.settings.WebSettings} (the public address, request limits), the persistence
 * adapter's in its own record, {@code PersistenceSettings} (the data directory and the scorings' files, the embedded
 * database's port, {@code cluster}, {@code node-id}, the event store's batch size, the clean-up, and the token store's
 * claim timeout, which the projections' coordination reads from the shared token store's port).
 *
 * @param readYourWritesTimeout how long a request waits for the views to show the caller's own change
 * @param rebuildLogInterval    how often a rebuilding projection's progress is logged
 */
@ConfigurationProperties("klantspiegel")
public record KlantspiegelProperties(
        @DefaultValue("10s") Duration readYourWritesTimeout,
        @DefaultValue("10s") Duration rebuildLogInterval,
        @DefaultValue AggregateCache aggregateCache,
        @DefaultValue Reports reports,
        @DefaultValue Rounds rounds,
        @DefaultValue Projections projections,
        @DefaultValue Operator operator) {

    public KlantspiegelProperties {
        positive("read-your-writes-timeout", readYourWritesTimeout);
        positive("rebuild-log-interval", rebuildLogInterval);
    }

    /** @param size how many aggregates of each kind a node keeps in memory */
    public record AggregateCache(@DefaultValue("10000") long size) {
        public AggregateCache {
            if (size < 1) {
                throw new IllegalArgumentException("klantspiegel.aggregate-cache.size must be at least 1, not " + size);
            }
        }
    }

    /**
     * @param releaseEvery         how often due results are released (the batches an organisation sees)
     * @param releaseTimer         whether this node looks for due releases (switched off only in tests)
     * @param cachedOrganisations  how many organisations' released results a node keeps in memory
     */
    public record Reports(@DefaultValue("PT1H") Duration releaseEvery, @DefaultValue("true") boolean releaseTimer,
                          @DefaultValue("100") long cachedOrganisations) {
        public Reports {
            positive("reports.release-every", releaseEvery);
            if (cachedOrganisations < 1) {
                throw new IllegalArgumentException("klantspiegel.reports.cached-organisations must be at least 1");
            }
        }
    }

    /** @param scheduleEvery how often every node puts due openings and closings of rounds on record */
    public record Rounds(@DefaultValue("15s") Duration scheduleEvery) {
        public Rounds {
            positive("rounds.schedule-every", scheduleEvery);
        }
    }

    /**
     * The projections' coordination between nodes (docs/operations.md, "Several nodes").
     *
     * @param versionCheck   the bound within which every node follows a rebuild's switch of the answering version
     * @param tick           how often the coordinator looks at its work
     * @param heartbeat      how often a node says it is alive
     * @param nodeTimeout    after how long without a heartbeat a node counts as stopped (below the claim timeout)
     * @param balanceEvery   how often segments are shared out again
     * @param releaseFor     how long a node leaves segments it gave up
     * @param rebuildTimeout after how long a rebuild whose node stopped is given up (above the claim timeout)
     * @param switchTimeout  how long a rebuild's switch may pause a projection
     * @param dropAfter      after how long a replaced read-model version is dropped
     */
    public record Projections(@DefaultValue("1s") Duration versionCheck, @DefaultValue("250ms") Duration tick,
                              @DefaultValue("1s") Duration heartbeat, @DefaultValue("5s") Duration nodeTimeout,
                              @DefaultValue("5s") Duration balanceEvery,
                              @DefaultValue("3s") Duration releaseFor, @DefaultValue("30s") Duration rebuildTimeout,
                              @DefaultValue("30s") Duration switchTimeout, @DefaultValue("60s") Duration dropAfter) {
        public Projections {
            positive("projections.version-check", versionCheck);
            positive("projections.tick", tick);
            positive("projections.heartbeat", heartbeat);
            positive("projections.balance-every", balanceEvery);
            positive("projections.node-timeout", nodeTimeout);
            positive("projections.release-for", releaseFor);
            positive("projections.rebuild-timeout", rebuildTimeout);
            positive("projections.switch-timeout", switchTimeout);
            positive("projections.drop-after", dropAfter);
        }
    }

    /**
     * The installation's operator, made at the first start when set (otherwise the log prints a one-time setup link).
     *
     * @param email    the operator's e-mail address (environment: KLANTSPIEGEL_OPERATOR_EMAIL)
     * @param password the operator's first password (environment: KLANTSPIEGEL_OPERATOR_PASSWORD)
     */
    public record Operator(@DefaultValue("") String email, @DefaultValue("") String password) {
        @Override
        public String toString() {
            return "Operator[email=" + email + ", password=" + (password.isEmpty() ? "" : "(set)") + "]";
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("klantspiegel." + name + " must be longer than zero, not " + value);
        }
    }
}
