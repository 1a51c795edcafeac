package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.organisation.Role;

import java.time.Instant;
import java.util.List;

/**
 * An organisation's members, named by e-mail address: for its admins, and for the operator as far as the first admin
 * goes. A stranger gets {@link NotFound}, a member whose role does not allow it {@link AccessDenied}.
 */
public interface MembersUseCase {

    /** Admins: every member; the operator: the admins. */
    List<MemberView> members(Caller caller, String organisationId);

    /**
     * Adds a member by e-mail address (the operator: the first admin; after that the admins). A person without an
     * active account gets an activation link to be handed over.
     */
    NewMember addMember(Caller caller, String organisationId, String email, Role role, List<String> teams);

    MemberView changeMember(Caller caller, String organisationId, String memberId, Role role, List<String> teams);

    void removeMember(Caller caller, String organisationId, String memberId);

    /** A fresh activation link for a member who has not activated their account yet. */
    NewMember renewActivation(Caller caller, String organisationId, String memberId);

    /** @param email the member's address as it is now; null when the account was erased */
    record MemberView(String id, String email, Role role, List<String> teams, boolean active) {
        public MemberView {
            teams = List.copyOf(teams);
        }
    }

    /** A member just added; the activation token is there when the account still has to be activated. */
    record NewMember(MemberView member, String activationToken, Instant activationExpiresAt) {
    }
}
