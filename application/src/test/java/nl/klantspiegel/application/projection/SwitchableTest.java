package nl.klantspiegel.application.projection;

import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Invitations.Invitation;
import nl.klantspiegel.application.testing.InMemoryInvitations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwitchableTest {

    final InMemoryInvitations first = new InMemoryInvitations();
    final InMemoryInvitations second = new InMemoryInvitations();
    final Switchable<Invitations> switchable = Switchable.of(Invitations.class, first);
    final Invitations port = switchable.port();

    @Test
    void every_call_goes_to_the_version_switched_to_last() {
        port.save(new Invitation("tok-1", "acme", "r-1"));
        assertThat(first.find("tok-1")).isPresent();

        switchable.switchToVersion(second);

        assertThat(port.find("tok-1")).as("the new version knows nothing of the old").isEmpty();
        port.save(new Invitation("tok-2", "acme", "r-1"));
        assertThat(second.find("tok-2")).isPresent();
        assertThat(first.find("tok-2")).isEmpty();
        assertThat(switchable.type()).isEqualTo(Invitations.class);
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
        switchable.switchTo(failing);
        assertThatThrownBy(() -> port.find("x")).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("store down");
    }

    @Test
    void the_port_is_equal_only_to_itself_and_says_what_answers() {
        assertThat(port).isEqualTo(port).isNotEqualTo(Switchable.of(Invitations.class, first).port())
                .hasSameHashCodeAs(port);
        assertThat(port.toString()).startsWith("Switchable Invitations answered by ");
    }

    @Test
    void only_a_port_of_its_type_and_only_an_interface() {
        assertThatThrownBy(() -> switchable.switchToVersion("not invitations")).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> switchable.switchTo(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Switchable.of(InMemoryInvitations.class, first))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
