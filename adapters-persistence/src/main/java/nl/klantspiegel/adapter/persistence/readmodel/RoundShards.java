package nl.klantspiegel.adapter.persistence.readmodel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where a round's per-assessment entries are kept: in one of {@value #SHARDS} documents per round, chosen by the
 * assessment's id ({@code organisationId/roundId#n}), so that filing a completion rewrites a sixty-fourth of the round,
 * not all of it (a whole-round document rewritten at every completion grew the cost of a completion with the round:
 * answer-change batches of over ten seconds at 700 completions). Builds before kept a round in one document
 * ({@code organisationId/roundId}); it is still read, and never written again.
 */
final class RoundShards {

    static final int SHARDS = 64;

    private RoundShards() {
    }

    /** The document an assessment's entries of a round go to. */
    static String key(String organisationId, String roundId, String assessmentId) {
        return whole(organisationId, roundId) + "#" + Math.floorMod(assessmentId.hashCode(), SHARDS);
    }

    /** Every document the rounds' entries may be in: per round the whole-round document of earlier builds and the shards. */
    static List<String> keys(String organisationId, Collection<String> roundIds) {
        List<String> keys = new ArrayList<>(roundIds.size() * (SHARDS + 1));
        for (String roundId : roundIds) {
            keys.add(whole(organisationId, roundId));
            for (int shard = 0; shard < SHARDS; shard++) {
                keys.add(whole(organisationId, roundId) + "#" + shard);
            }
        }
        return keys;
    }

    private static String whole(String organisationId, String roundId) {
        return organisationId + "/" + roundId;
    }
}
