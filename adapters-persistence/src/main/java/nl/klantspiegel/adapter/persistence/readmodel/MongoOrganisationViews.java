package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.Role;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The organisations' read model: one document per organisation ({@code organisations}) and a list of all of them (one
 * document in {@code organisationIndex}). Shape, readable for analysts:
 * <pre>
 * organisations: { _id, name, minimumGroupSize, version, teams: [{id, name, retired}],
 *                  members: [{id, role, teams: [..]}],
 *                  rounds: [{id, name, teams: [..], openedAt, closesAt, closedAt, invitationToken}] }
 * </pre>
 */
final class MongoOrganisationViews implements OrganisationViews {

    static final String ORGANISATIONS = "organisations";
    static final String INDEX = "organisationIndex";
    private static final String ALL = "all";

    private final Documents organisations;
    private final Documents index;

    MongoOrganisationViews(MongoTemplate mongo) {
        this(mongo, 0);
    }

    MongoOrganisationViews(MongoTemplate mongo, int version) {
        this.organisations = new Documents(mongo, Documents.versioned(ORGANISATIONS, version));
        this.index = new Documents(mongo, Documents.versioned(INDEX, version));
    }

    // ----- organisations ------------------------------------------------------------------------------

    @Override
    public Optional<OrganisationView> find(String organisationId) {
        return organisations.find(organisationId).map(MongoOrganisationViews::view);
    }

    @Override
    public void save(OrganisationView view) {
        List<Summary> all = new ArrayList<>(all());
        Summary summary = new Summary(view.id(), view.name());
        int at = indexOf(all, view.id());
        if (at < 0 || !all.get(at).equals(summary)) {
            if (at < 0) {
                all.add(summary);
            } else {
                all.set(at, summary);
            }
            index.save(new Document("_id", ALL).append("organisations", all.stream()
                    .map(entry -> new Document("id", entry.id()).append("name", entry.name())).toList()));
        }
        organisations.save(document(view));
    }

    private static int indexOf(List<Summary> all, String id) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public List<Summary> all() {
        return index.find(ALL)
                .map(document -> document.getList("organisations", Document.class).stream()
                        .map(entry -> new Summary(entry.getString("id"), entry.getString("name")))
                        .toList())
                .orElse(List.of());
    }

    private static Document document(OrganisationView view) {
        return new Document("_id", view.id())
                .append("name", view.name())
                .append("minimumGroupSize", view.minimumGroupSize())
                .append("version", view.version())
                .append("teams", view.teams().stream().map(team -> new Document("id", team.id())
                        .append("name", team.name()).append("retired", team.retired())).toList())
                .append("members", view.members().stream().map(member -> new Document("id", member.id())
                        .append("role", member.role().name())
                        .append("teams", member.teams().stream().sorted().toList())).toList())
                .append("rounds", view.rounds().stream().map(round -> new Document("id", round.id())
                        .append("name", round.name())
                        .append("teams", round.teams())
                        .append("openedAt", Documents.date(round.openedAt()))
                        .append("closesAt", Documents.date(round.closesAt()))
                        .append("closedAt", Documents.date(round.closedAt()))
                        .append("invitationToken", round.invitationToken())).toList());
    }

    private static OrganisationView view(Document document) {
        List<Organisation.Team> teams = document.getList("teams", Document.class).stream()
                .map(team -> new Organisation.Team(team.getString("id"), team.getString("name"),
                        team.getBoolean("retired")))
                .toList();
        List<Organisation.Member> members = document.getList("members", Document.class).stream()
                .map(member -> new Organisation.Member(member.getString("id"), Role.valueOf(member.getString("role")),
                        new LinkedHashSet<>(member.getList("teams", String.class))))
                .toList();
        List<Organisation.Round> rounds = document.getList("rounds", Document.class).stream()
                .map(round -> new Organisation.Round(round.getString("id"), round.getString("name"),
                        round.getList("teams", String.class), Documents.instant(round.getDate("openedAt")),
                        Documents.instant(round.getDate("closesAt")), Documents.instant(round.getDate("closedAt")),
                        round.getString("invitationToken")))
                .toList();
        return new OrganisationView(document.getString("_id"), document.getString("name"),
                document.getInteger("minimumGroupSize"), teams, members, rounds, document.getLong("version"));
    }

    @Override
    public void clear() {
        organisations.clear();
        index.clear();
    }
}
