package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.Invitations;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The invitation index in memory, by token. */
public final class InMemoryInvitations implements Invitations {

    private final Map<String, Invitation> invitations = new HashMap<>();
    private int lookups;

    @Override
    public synchronized Optional<Invitation> find(String token) {
        lookups++;
        return Optional.ofNullable(invitations.get(token));
    }

    @Override
    public synchronized void save(Invitation invitation) {
        invitations.put(invitation.token(), invitation);
    }

    @Override
    public synchronized void clear() {
        invitations.clear();
    }

    public synchronized boolean isEmpty() {
        return invitations.isEmpty();
    }

    /** How often a token was looked up. */
    public synchronized int lookups() {
        return lookups;
    }
}
