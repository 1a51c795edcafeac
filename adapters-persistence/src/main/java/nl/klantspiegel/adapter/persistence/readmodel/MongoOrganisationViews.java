package nl.klantspiegel.adapter.persistence.readmodel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.Role;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    /** The list as it was kept before: one array, rewritten whole. Read, never written. */
    private static final String ALL = "all";
    /** The list: one field per organisation, {@code organisations.<id>.name}. */
    private static final String REGISTERED = "registered";
    private static final String ORGANISATIONS_FIELD = "organisations";

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

    /**
     * The view only if it is newer than the stored one; its name in the list of all organisations by one atomic
     * {@code $set} of its own field (so writers of different organisations never undo each other).
     */
    @Override
    public void save(OrganisationView view) {
        index.ensure(new Document("_id", REGISTERED).append(ORGANISATIONS_FIELD, new Document()));
        String entry = ORGANISATIONS_FIELD + "." + view.id();
        // the name as of the latest version, like the view (an entry from before versions were noted counts as older)
        index.updateIf(REGISTERED, Filters.or(Filters.exists(entry + ".version", false),
                        Filters.lt(entry + ".version", view.version())),
                Updates.combine(Updates.set(entry + ".name", view.name()), Updates.set(entry + ".version",
                        view.version())));
        organisations.saveIfNewer(document(view), "version");
    }

    /**
     * Every organisation in the order they were first stored: those of the list kept before organisations were
     * recorded one field each (the {@code all} document) first, then the others.
     */
    @Override
    public List<Summary> all() {
        Map<String, Summary> all = new LinkedHashMap<>();
        index.find(ALL).ifPresent(document -> document.getList(ORGANISATIONS_FIELD, Document.class).forEach(entry ->
                all.put(entry.getString("id"), new Summary(entry.getString("id"), entry.getString("name")))));
        index.find(REGISTERED).ifPresent(document -> document.get(ORGANISATIONS_FIELD, Document.class)
                .forEach((id, entry) -> all.put(id, new Summary(id, ((Document) entry).getString("name")))));
        return List.copyOf(all.values());
    }

    private static Document document(OrganisationView view) {
        return new Document("_id", view.id())
                .append("name", view.name())
                .append("minimumGroupSize", view.minimumGroupSize())
                .append("version", view.version())
                .append("teams", view.teams().stream().map(team -> new Document("id", team.id())
                        .append("name", team.name()).append("retired", team.retired())
                        .append("headcount", team.headcount())).toList())
                .append("members", view.members().stream().map(member -> new Document("id", member.id())
                        .append("role", member.role().name())
                        .append("teams", member.teams().stream().sorted().toList())).toList())
                .append("rounds", view.rounds().stream().map(round -> new Document("id", round.id())
                        .append("name", round.name())
                        .append("teams", round.teams())
                        .append("openedAt", Documents.date(round.openedAt()))
                        .append("opensAt", Documents.date(round.opensAt()))
                        .append("started", round.started())
                        .append("closesAt", Documents.date(round.closesAt()))
                        .append("closedAt", Documents.date(round.closedAt()))
                        .append("invitationToken", round.invitationToken())).toList());
    }

    private static OrganisationView view(Document document) {
        List<Organisation.Team> teams = document.getList("teams", Document.class).stream()
                .map(team -> new Organisation.Team(team.getString("id"), team.getString("name"),
                        team.getBoolean("retired"), team.getInteger("headcount")))
                .toList();
        List<Organisation.Member> members = document.getList("members", Document.class).stream()
                .map(member -> new Organisation.Member(member.getString("id"), Role.valueOf(member.getString("role")),
                        new LinkedHashSet<>(member.getList("teams", String.class))))
                .toList();
        List<Organisation.Round> rounds = document.getList("rounds", Document.class).stream()
                .map(round -> new Organisation.Round(round.getString("id"), round.getString("name"),
                        round.getList("teams", String.class), Documents.instant(round.getDate("openedAt")),
                        Documents.instant(round.getDate("opensAt")), // absent in views of earlier builds: at once
                        Documents.instant(round.getDate("closesAt")), Documents.instant(round.getDate("closedAt")),
                        round.getString("invitationToken"), round.getBoolean("started", true)))
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
