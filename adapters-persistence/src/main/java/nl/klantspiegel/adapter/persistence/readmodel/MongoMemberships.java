package nl.klantspiegel.adapter.persistence.readmodel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.Role;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Each account's memberships: {@code memberships}, one document per account, by the account's id, one field per
 * organisation with the organisation's version it reflects:
 * <pre>
 * { _id: accountId, organisations: { organisationId: {role, teams: [..], version} | {removed: true, version} } }
 * </pre>
 * An organisation's field is set by one atomic update, only when what it holds is older: writers of different
 * organisations, or of one organisation in any order, never undo each other. (Documents of the earlier shape, a list
 * {@code memberships} rewritten whole, are still read.)
 */
final class MongoMemberships implements Memberships {

    static final String COLLECTION = "memberships";
    private static final String ORGANISATIONS = "organisations";
    private static final String EARLIER = "memberships";

    private final Documents memberships;

    MongoMemberships(MongoTemplate mongo) {
        this(mongo, 0);
    }

    MongoMemberships(MongoTemplate mongo, int version) {
        this.memberships = new Documents(mongo, Documents.versioned(COLLECTION, version));
    }

    @Override
    public List<Membership> of(String accountId) {
        return memberships.find(accountId).map(document -> {
            List<Membership> list = new ArrayList<>();
            Document organisations = document.get(ORGANISATIONS, Document.class);
            List<Document> earlier = document.getList(EARLIER, Document.class);
            if (earlier != null) {
                earlier.stream()
                        .filter(entry -> organisations == null || !organisations.containsKey(
                                entry.getString("organisationId")))
                        .forEach(entry -> list.add(membership(entry.getString("organisationId"), accountId, entry)));
            }
            if (organisations != null) {
                organisations.forEach((organisationId, value) -> {
                    Document entry = (Document) value;
                    if (!entry.getBoolean("removed", false)) {
                        list.add(membership(organisationId, accountId, entry));
                    }
                });
            }
            return List.copyOf(list);
        }).orElse(List.of());
    }

    private static Membership membership(String organisationId, String accountId, Document entry) {
        return new Membership(organisationId, accountId, Role.valueOf(entry.getString("role")),
                new LinkedHashSet<>(entry.getList("teams", String.class)));
    }

    @Override
    public void record(String accountId, String organisationId, Optional<Membership> membership, long version) {
        Document entry = membership
                .map(present -> new Document("role", present.role().name())
                        .append("teams", present.teams().stream().sorted().toList()))
                .orElseGet(() -> new Document("removed", true))
                .append("version", version);
        String field = ORGANISATIONS + "." + organisationId;
        memberships.ensure(new Document("_id", accountId).append(ORGANISATIONS, new Document()));
        memberships.updateIf(accountId, Filters.or(Filters.exists(field, false), Filters.lt(field + ".version", version)),
                Updates.set(field, entry));
    }

    @Override
    public void clear() {
        memberships.clear();
    }
}
