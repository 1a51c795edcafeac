package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Invitations.Invitation;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import nl.klantspiegel.application.port.out.ReadModelVersions.Retired;
import nl.klantspiegel.application.port.out.ReportFacts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ReadModelVersions} promises, held to the MongoDB adapter and the in-memory fake alike: version 0
 * answers until a switch; each projection has its own answering version; a switch is a compare-and-set that retires
 * the version it replaces; a version number is handed out once, above the answering version; a version is retired
 * once and forgotten when dropped; retired versions come oldest first; every port that stores a read model opens it in
 * versions apart from each other, a version dropped alone. Times are whole milliseconds, as the shared store keeps
 * them.
 */
public abstract class ReadModelVersionsContract {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private ReadModelVersions versions;

    /** A new store of an installation that has never rebuilt anything. */
    protected abstract ReadModelVersions newVersions();

    @BeforeEach
    void noRebuildYet() {
        versions = newVersions();
    }

    @Test
    void before_any_rebuild_version_0_answers_and_nothing_is_retired() {
        assertThat(versions.active("reports")).isZero();
        assertThat(versions.active(List.of("reports", "audit-trail")))
                .isEqualTo(Map.of("reports", 0, "audit-trail", 0));
        assertThat(versions.active(List.of())).isEmpty();
        assertThat(versions.retired(List.of("reports", "audit-trail"))).isEmpty();
    }

    @Test
    void each_projection_keeps_its_own_answering_version() {
        assertThat(versions.activate("assessment-views", 0, 3, AT)).isTrue();
        assertThat(versions.activate("audit-trail", 0, 1, AT)).isTrue();
        assertThat(versions.activate("assessment-views", 3, 4, AT)).isTrue();

        assertThat(versions.active("assessment-views")).isEqualTo(4);
        assertThat(versions.active("audit-trail")).isEqualTo(1);
        assertThat(versions.active("reports")).isZero();
        assertThat(versions.active(List.of("assessment-views", "audit-trail", "reports")))
                .isEqualTo(Map.of("assessment-views", 4, "audit-trail", 1, "reports", 0));
    }

    @Test
    void a_switch_is_a_compare_and_set_that_retires_the_version_it_replaces() {
        assertThat(versions.activate("reports", 1, 2, AT)).as("0 answers, not 1").isFalse();
        assertThat(versions.active("reports")).isZero();
        assertThat(versions.retired(List.of("reports"))).isEmpty();

        assertThat(versions.activate("reports", 0, 2, AT)).isTrue();
        assertThat(versions.activate("reports", 0, 3, AT.plusSeconds(1))).as("a second switch from 0").isFalse();

        assertThat(versions.active("reports")).isEqualTo(2);
        assertThat(versions.retired(List.of("reports", "audit-trail"))).containsExactly(new Retired("reports", 0, AT));
    }

    @Test
    void version_numbers_are_handed_out_once_above_the_answering_version() {
        assertThat(versions.allocate("reports")).isEqualTo(1);
        assertThat(versions.allocate("reports")).isEqualTo(2);
        assertThat(versions.allocate("audit-trail")).as("each projection counts on its own").isEqualTo(1);

        versions.retire("reports", 2, AT);
        assertThat(versions.allocate("reports")).as("not even a build that broke off had it").isEqualTo(3);

        assertThat(versions.activate("organisation-views", 0, 6, AT)).isTrue();
        assertThat(versions.allocate("organisation-views")).as("above the answering version").isEqualTo(7);
        assertThat(versions.activate("reports", 0, 3, AT)).isTrue();
        assertThat(versions.allocate("reports")).isEqualTo(4);
    }

    @Test
    void a_broken_off_build_is_retired_once_and_a_retired_version_forgotten_when_dropped() {
        versions.retire("reports", 3, AT.plusSeconds(5));
        versions.retire("reports", 3, AT.plusSeconds(9));
        versions.retire("reports", 4, AT);
        versions.retire("audit-trail", 1, AT.plusSeconds(1));

        assertThat(versions.active("reports")).as("retiring switches nothing").isZero();
        assertThat(versions.retired(List.of("reports", "audit-trail"))).as("oldest first").containsExactly(
                new Retired("reports", 4, AT), new Retired("audit-trail", 1, AT.plusSeconds(1)),
                new Retired("reports", 3, AT.plusSeconds(5)));
        assertThat(versions.retired(List.of("audit-trail"))).containsExactly(
                new Retired("audit-trail", 1, AT.plusSeconds(1)));

        versions.forget(new Retired("reports", 4, AT));
        assertThat(versions.retired(List.of("reports"))).containsExactly(new Retired("reports", 3, AT.plusSeconds(5)));
        assertThat(versions.activate("reports", 0, 5, AT.plusSeconds(10))).as("a projection with retired versions")
                .isTrue();
        assertThat(versions.retired(List.of("reports"))).containsExactly(
                new Retired("reports", 3, AT.plusSeconds(5)), new Retired("reports", 0, AT.plusSeconds(10)));
    }

    @Test
    void every_port_that_stores_a_read_model_opens_and_any_other_is_refused() {
        for (Class<?> port : List.of(OrganisationViews.class, Invitations.class, Memberships.class,
                ReportFacts.class, AnswerChangeFacts.class, AuditTrail.class)) {
            assertThat(versions.open(port, 1)).as(port.getSimpleName()).isInstanceOf(port);
            assertThat(versions.open(port, 0)).as(port.getSimpleName()).isInstanceOf(port);
        }

        assertThatThrownBy(() -> versions.open(String.class, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("String stores no read model");
    }

    @Test
    void each_version_of_a_read_model_is_apart_and_is_dropped_alone() {
        versions.open(Invitations.class, 0).save(new Invitation("tok-0", "acme", "r-1"));
        versions.open(Invitations.class, 2).save(new Invitation("tok-2", "acme", "r-1"));

        assertThat(versions.open(Invitations.class, 2).find("tok-0")).isEmpty();
        assertThat(versions.open(Invitations.class, 2).find("tok-2"))
                .as("opened again: the same version").contains(new Invitation("tok-2", "acme", "r-1"));
        assertThat(versions.open(Invitations.class, 0).find("tok-2")).isEmpty();

        versions.drop(Invitations.class, 2);
        versions.drop(Invitations.class, 5); // never made: nothing to do

        assertThat(versions.open(Invitations.class, 2).find("tok-2")).as("dropped").isEmpty();
        assertThat(versions.open(Invitations.class, 0).find("tok-0")).as("version 0 untouched")
                .contains(new Invitation("tok-0", "acme", "r-1"));
    }
}
