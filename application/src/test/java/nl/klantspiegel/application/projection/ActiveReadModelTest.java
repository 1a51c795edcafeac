package nl.klantspiegel.application.projection;

import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Invitations.Invitation;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.report.ReportProjection;
import nl.klantspiegel.application.report.ActiveReportFacts;
import nl.klantspiegel.application.testing.InMemoryInvitations;
import nl.klantspiegel.application.testing.InMemoryReadModelVersions;
import nl.klantspiegel.application.testing.InMemoryReportFacts;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.release.ResultsReleased;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A switchable port answers from the version the shared store names, following a switch within the bound. */
class ActiveReadModelTest {

    private static final String ORGANISATIONS = "organisation-views";

    final AtomicLong nanos = new AtomicLong();
    final InMemoryReadModelVersions versions = new InMemoryReadModelVersions();
    final ActiveVersions active = new ActiveVersions(versions, Duration.ofSeconds(1), nanos::get);
    final List<Integer> opened = new ArrayList<>();
    final ActiveReadModel<Invitations> switchable = ActiveReadModel.of(Invitations.class, ORGANISATIONS, active, version -> {
        opened.add(version);
        return versions.open(Invitations.class, version);
    });
    final Invitations port = switchable.port();

    @Test
    void every_call_goes_to_the_version_that_answers_within_the_bound() {
        port.save(new Invitation("tok-1", "acme", "r-1"));
        assertThat(versions.open(Invitations.class, 0).find("tok-1")).isPresent();

        versions.active.put(ORGANISATIONS, 2); // another node switched
        assertThat(port.find("tok-1")).as("within the bound: the version read last").isPresent();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(port.find("tok-1")).as("the new version knows nothing of the old").isEmpty();
        port.save(new Invitation("tok-2", "acme", "r-1"));
        assertThat(versions.open(Invitations.class, 2).find("tok-2")).isPresent();
        assertThat(versions.open(Invitations.class, 0).find("tok-2")).isEmpty();
        assertThat(opened).as("each version opened once").containsExactly(0, 2);
        assertThat(switchable.type()).isEqualTo(Invitations.class);
        assertThat(switchable.projection()).isEqualTo(ORGANISATIONS);
    }

    @Test
    void what_a_version_throws_comes_through_unwrapped() {
        Invitations failing = new Invitations() {
            @Override
            public java.util.Optional<Invitation> find(String token) {
                throw new IllegalStateException("store down");
            }

            @Override
            public void save(Invitation invitation) {
            }

            @Override
            public void clear() {
            }
        };
        Invitations broken = ActiveReadModel.of(Invitations.class, ORGANISATIONS, active, version -> failing).port();
        assertThatThrownBy(() -> broken.find("x")).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("store down");
    }

    @Test
    void the_port_is_equal_only_to_itself_and_says_what_it_is() {
        assertThat(port).isEqualTo(port).isNotEqualTo(ActiveReadModel.of(Invitations.class, ORGANISATIONS, active,
                version -> new InMemoryInvitations()).port()).hasSameHashCodeAs(port);
        assertThat(port.toString()).isEqualTo("ActiveReadModel Invitations of organisation-views");
        assertThat(opened).as("nothing opened for that").isEmpty();
    }

    @Test
    void only_an_interface_and_always_a_version() {
        assertThatThrownBy(() -> ActiveReadModel.of(InMemoryInvitations.class, ORGANISATIONS, active,
                version -> new InMemoryInvitations())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an interface");
        Invitations nothing = ActiveReadModel.of(Invitations.class, ORGANISATIONS, active, version -> null).port();
        assertThatNullPointerException().isThrownBy(() -> nothing.find("x")).withMessage("opened version");
        assertThatNullPointerException().isThrownBy(() -> new ActiveReadModel.Follower<>(null, active, version -> 1));
        assertThatNullPointerException().isThrownBy(() -> new ActiveReadModel.Follower<>("p", null, version -> 1));
        assertThatNullPointerException().isThrownBy(() -> new ActiveReadModel.Follower<>("p", active, null));
    }

    @Test
    void the_report_facts_follow_the_answering_version_and_count_their_versions_on_across_it() {
        ActiveReportFacts facts = new ActiveReportFacts(active,
                version -> versions.open(ReportFacts.class, version));
        Participation where = new Participation("acme", "r-1", "t-1");
        Instant at = Instant.parse("2026-03-01T09:00:00Z");
        facts.apply(new ReportFacts.Changes(Map.of("a-1", new ReportFacts.Started(where, at)), List.of()));
        facts.released(new ResultsReleased("acme", 1, at, 5, List.of(), at));
        long before = facts.version("acme");
        assertThat(facts.participations(List.of("a-1"))).containsKey("a-1");
        assertThat(facts.facts("acme", List.of("r-1")).lastRelease()).isEqualTo(1);

        versions.active.put(ReportProjection.PROCESSING_GROUP, 1);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(facts.participations(List.of("a-1"))).as("version 1 is empty").isEmpty();
        assertThat(facts.version("acme")).as("higher, though version 1 has seen no release").isGreaterThan(before);
        facts.apply(new ReportFacts.Changes(Map.of("a-2", new ReportFacts.Started(where, at)), List.of()));
        assertThat(((InMemoryReportFacts) versions.open(ReportFacts.class, 1)).participation("a-2")).isPresent();
        facts.clear();
        assertThat(facts.participations(List.of("a-2"))).isEmpty();
        assertThat(facts.port()).isSameAs(facts);
        assertThat(facts.type()).isEqualTo(ReportFacts.class);
        assertThat(facts.projection()).isEqualTo(ReportProjection.PROCESSING_GROUP);
    }
}
