package nl.klantspiegel.domain.organisation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who did something is the operator or a member, always known by an id. */
class ActorTest {

    @Test
    void the_operator_and_a_member_are_told_apart() {
        assertThat(Actor.operator("op-1")).isEqualTo(new Actor(Actor.Kind.OPERATOR, "op-1"));
        assertThat(Actor.operator("op-1").isOperator()).isTrue();
        assertThat(Actor.member("m-1")).isEqualTo(new Actor(Actor.Kind.MEMBER, "m-1"));
        assertThat(Actor.member("m-1").isOperator()).isFalse();
        assertThat(Actor.member("same-id")).isNotEqualTo(Actor.operator("same-id"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "   "})
    void an_actor_needs_an_id(String id) {
        assertThatThrownBy(() -> Actor.member(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an actor needs an id");
    }

    @Test
    void an_actor_needs_a_kind() {
        assertThatThrownBy(() -> new Actor(null, "m-1")).isInstanceOf(NullPointerException.class).hasMessage("kind");
    }
}
