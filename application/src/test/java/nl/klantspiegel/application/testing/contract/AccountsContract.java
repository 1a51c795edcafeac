package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.application.port.out.Accounts.Account;
import nl.klantspiegel.domain.account.EmailAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Accounts} promises, held to the MongoDB adapter and the in-memory fake alike: an account is found by
 * id, address and open activation link; one account per address; a new link replaces the old; an activation works
 * once, with the link that is open, and closes it; the operator exists once one was created.
 */
public abstract class AccountsContract {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant EXPIRES = NOW.plusSeconds(7 * 86_400L);

    private Accounts accounts;

    /** A new store without accounts. */
    protected abstract Accounts newAccounts();

    @BeforeEach
    void noAccounts() {
        accounts = newAccounts();
    }

    private static Account pending(String id, String email, String linkHash) {
        return new Account(id, new EmailAddress(email), false, null, linkHash, linkHash == null ? null : EXPIRES, NOW,
                null);
    }

    @Test
    void an_account_is_found_by_id_by_address_and_by_its_open_link() {
        Account ann = pending("acc-ann", "ann@acme.example", "link-ann");
        assertThat(accounts.create(ann)).isTrue();

        assertThat(accounts.find("acc-ann")).contains(ann);
        assertThat(accounts.findByEmail(new EmailAddress("ann@acme.example"))).contains(ann);
        assertThat(accounts.findByActivation("link-ann")).contains(ann);
        assertThat(accounts.find("acc-bob")).isEmpty();
        assertThat(accounts.findByEmail(new EmailAddress("bob@acme.example"))).isEmpty();
        assertThat(accounts.findByActivation("link-bob")).isEmpty();
    }

    @Test
    void an_address_has_one_account_a_second_is_refused_and_nothing_of_it_stored() {
        accounts.create(pending("acc-ann", "ann@acme.example", null));

        assertThat(accounts.create(pending("acc-other", "ann@acme.example", "link-other"))).isFalse();

        assertThat(accounts.find("acc-other")).isEmpty();
        assertThat(accounts.findByActivation("link-other")).isEmpty();
        assertThat(accounts.findByEmail(new EmailAddress("ann@acme.example"))).map(Account::id).contains("acc-ann");
    }

    @Test
    void a_new_link_replaces_the_old_which_then_opens_nothing() {
        accounts.create(pending("acc-ann", "ann@acme.example", "link-1"));

        assertThat(accounts.newActivation("acc-ann", "link-2", EXPIRES.plusSeconds(60))).isTrue();

        assertThat(accounts.findByActivation("link-1")).isEmpty();
        assertThat(accounts.findByActivation("link-2")).map(Account::activationExpiresAt)
                .contains(EXPIRES.plusSeconds(60));
        assertThat(accounts.newActivation("acc-unknown", "link-3", EXPIRES)).as("no such account").isFalse();
        assertThat(accounts.findByActivation("link-3")).isEmpty();
    }

    @Test
    void an_activation_works_once_with_the_open_link_and_closes_it() {
        accounts.create(pending("acc-ann", "ann@acme.example", "link-1"));

        assertThat(accounts.activate("acc-ann", "link-other", "hash:pw", NOW)).as("not the open link").isFalse();
        assertThat(accounts.find("acc-ann")).map(Account::isActive).contains(false);

        assertThat(accounts.activate("acc-ann", "link-1", "hash:pw", NOW.plusSeconds(5))).isTrue();
        assertThat(accounts.activate("acc-ann", "link-1", "hash:other", NOW.plusSeconds(6))).as("used").isFalse();

        Account active = accounts.find("acc-ann").orElseThrow();
        assertThat(active.passwordHash()).isEqualTo("hash:pw");
        assertThat(active.activatedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(active.activationTokenHash()).isNull();
        assertThat(accounts.findByActivation("link-1")).isEmpty();
    }

    @Test
    void there_is_an_operator_once_an_operator_account_was_created() {
        accounts.create(pending("acc-ann", "ann@acme.example", null));
        assertThat(accounts.anyOperator()).isFalse();

        accounts.create(new Account("acc-op", new EmailAddress("operator@klantspiegel.example"), true, "hash:op", null,
                null, NOW, NOW));

        assertThat(accounts.anyOperator()).isTrue();
        assertThat(accounts.find("acc-op")).map(Account::operator).contains(true);
    }
}
