package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.RebuildClaims;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Rebuild claims in memory, with the rules of the shared store: one per projection, stale ones taken over. */
public class InMemoryRebuildClaims implements RebuildClaims {

    private final Map<String, Claim> claims = new TreeMap<>();

    @Override
    public synchronized Optional<Claim> claim(Claim claim, Instant staleBefore) {
        Claim holder = claims.get(claim.projection());
        if (holder != null && !holder.heartbeat().isBefore(staleBefore)) {
            throw new Taken(claim.projection() + " is being rebuilt by " + holder.owner());
        }
        claims.put(claim.projection(), claim);
        return Optional.ofNullable(holder);
    }

    @Override
    public synchronized boolean beat(Claim claim) {
        Claim holder = claims.get(claim.projection());
        if (holder == null || !holder.owner().equals(claim.owner()) || holder.version() != claim.version()) {
            return false;
        }
        claims.put(claim.projection(), claim);
        return true;
    }

    @Override
    public synchronized boolean release(Claim claim) {
        Claim holder = claims.get(claim.projection());
        // as the shared store does it: the claim as its owner knew it (owner, version, heartbeat); stage and position
        // are not asked (RebuildClaimsContract)
        if (holder == null || !holder.owner().equals(claim.owner()) || holder.version() != claim.version()
                || !holder.heartbeat().equals(claim.heartbeat())) {
            return false;
        }
        claims.remove(claim.projection());
        return true;
    }

    @Override
    public synchronized Map<String, Claim> find(Collection<String> projections) {
        Map<String, Claim> found = new TreeMap<>();
        projections.forEach(projection -> {
            if (claims.containsKey(projection)) {
                found.put(projection, claims.get(projection));
            }
        });
        return found;
    }

    /** Stores a claim as another node would have. */
    public synchronized void put(Claim claim) {
        claims.put(claim.projection(), claim);
    }

    /** The claim stored for a projection, if any. */
    public synchronized Optional<Claim> of(String projection) {
        return Optional.ofNullable(claims.get(projection));
    }
}
