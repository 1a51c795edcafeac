package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.Role;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.LinkedHashSet;
import java.util.List;

/** Each account's memberships: {@code memberships}, one document per account, by the account's id. */
final class MongoMemberships implements Memberships {

    static final String COLLECTION = "memberships";

    private final Documents memberships;

    MongoMemberships(MongoTemplate mongo) {
        this(mongo, 0);
    }

    MongoMemberships(MongoTemplate mongo, int version) {
        this.memberships = new Documents(mongo, Documents.versioned(COLLECTION, version));
    }

    @Override
    public List<Membership> of(String accountId) {
        return memberships.find(accountId)
                .map(document -> document.getList("memberships", Document.class).stream()
                        .map(entry -> new Membership(entry.getString("organisationId"), accountId,
                                Role.valueOf(entry.getString("role")),
                                new LinkedHashSet<>(entry.getList("teams", String.class))))
                        .toList())
                .orElse(List.of());
    }

    @Override
    public void save(String accountId, List<Membership> list) {
        memberships.save(new Document("_id", accountId).append("memberships", list.stream()
                .map(membership -> new Document("organisationId", membership.organisationId())
                        .append("role", membership.role().name())
                        .append("teams", membership.teams().stream().sorted().toList()))
                .toList()));
    }

    @Override
    public void clear() {
        memberships.clear();
    }
}
