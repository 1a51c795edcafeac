package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.out.OperatorSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link OperatorSetup} promises, held to the MongoDB adapter and the in-memory fake alike: at most one
 * setup link, made only where there is none, used up once, and only as the one given.
 */
public abstract class OperatorSetupContract {

    private OperatorSetup setup;

    /** A new store without a setup link. */
    protected abstract OperatorSetup newSetup();

    @BeforeEach
    void noLink() {
        setup = newSetup();
    }

    @Test
    void a_link_is_made_where_there_is_none_and_a_second_is_refused() {
        assertThat(setup.tokenHash()).isEmpty();

        assertThat(setup.create("hash-1")).isTrue();
        assertThat(setup.create("hash-2")).isFalse();

        assertThat(setup.tokenHash()).contains("hash-1");
    }

    @Test
    void the_link_is_used_up_once_and_only_as_the_one_given() {
        setup.create("hash-1");

        assertThat(setup.consume("hash-2")).isFalse();
        assertThat(setup.tokenHash()).contains("hash-1");
        assertThat(setup.consume("hash-1")).isTrue();
        assertThat(setup.consume("hash-1")).isFalse();
        assertThat(setup.tokenHash()).isEmpty();
        assertThat(setup.create("hash-3")).as("used up, a new one may be made").isTrue();
    }

    @Test
    void clearing_forgets_the_link() {
        setup.create("hash-1");

        setup.clear();

        assertThat(setup.tokenHash()).isEmpty();
        assertThat(setup.consume("hash-1")).isFalse();
    }
}
