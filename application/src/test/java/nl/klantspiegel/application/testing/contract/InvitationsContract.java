package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Invitations.Invitation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Invitations} promises, held to the MongoDB adapter and the in-memory fake alike: an invitation is
 * found by its token exactly, saved again it stays one, and clearing forgets them all.
 */
public abstract class InvitationsContract {

    private Invitations invitations;

    /** A new store without invitations. */
    protected abstract Invitations newInvitations();

    @BeforeEach
    void noInvitations() {
        invitations = newInvitations();
    }

    @Test
    void an_invitation_is_found_by_its_token_and_by_no_other() {
        Invitation invitation = new Invitation("token-aaaaaaaaaaaaaaaaaaaaaa", "org-a", "round-1");
        invitations.save(invitation);
        invitations.save(new Invitation("token-bbbbbbbbbbbbbbbbbbbbbb", "org-b", "round-2"));

        assertThat(invitations.find("token-aaaaaaaaaaaaaaaaaaaaaa")).contains(invitation);
        assertThat(invitations.find("TOKEN-AAAAAAAAAAAAAAAAAAAAAA")).as("tokens are compared exactly").isEmpty();
        assertThat(invitations.find("token-aaaaaaaaaaaaaaaaaaaaa")).isEmpty();
        assertThat(invitations.find("")).isEmpty();
    }

    @Test
    void saved_again_an_invitation_stays_one() {
        Invitation invitation = new Invitation("token-aaaaaaaaaaaaaaaaaaaaaa", "org-a", "round-1");
        invitations.save(invitation);
        invitations.save(invitation);

        assertThat(invitations.find("token-aaaaaaaaaaaaaaaaaaaaaa")).contains(invitation);
    }

    @Test
    void clearing_forgets_them_all() {
        invitations.save(new Invitation("token-aaaaaaaaaaaaaaaaaaaaaa", "org-a", "round-1"));
        invitations.save(new Invitation("token-bbbbbbbbbbbbbbbbbbbbbb", "org-b", "round-2"));

        invitations.clear();

        assertThat(invitations.find("token-aaaaaaaaaaaaaaaaaaaaaa")).isEmpty();
        assertThat(invitations.find("token-bbbbbbbbbbbbbbbbbbbbbb")).isEmpty();
    }
}
