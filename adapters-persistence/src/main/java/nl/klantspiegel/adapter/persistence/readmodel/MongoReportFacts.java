package nl.klantspiegel.adapter.persistence.readmodel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.ScoredAnswer;
import nl.klantspiegel.domain.report.Completion;

/**
 * The reports' facts, all looked up by {@code _id}:
 * <ul>
 *   <li>{@code reportParticipations}: per assessment started through an invitation, its organisation, round and
 *       team (what a completion is filed under);</li>
 *   <li>{@code reportRounds}: per round of an organisation ({@code organisationId/roundId}), the started assessments
 *       ({@code started.<assessmentId>}: team) and the completed ones ({@code completed.<assessmentId>}: team, time,
 *       instrument version, answers, points, band) — each set under the assessment's id, so a redelivery changes
 *       nothing;</li>
 *   <li>{@code reportOrganisations}: per organisation a counter raised after every write and by a reset, never
 *       lowered: what the reports' cache is checked against (a redelivery raises it too, which only costs a
 *       recomputation).</li>
 * </ul>
 * A round's document grows by about 200 bytes per completed assessment, far below MongoDB's 16 MB per document for
 * any round of people.
 */
final class MongoReportFacts implements ReportFacts {

    static final String PARTICIPATIONS = "reportParticipations";
    static final String ROUNDS = "reportRounds";
    static final String ORGANISATIONS = "reportOrganisations";

    private final MongoTemplate mongo;
    private final Documents participations;
    private final Documents rounds;
    private final Documents organisations;

    private final String organisationsCollection;

    MongoReportFacts(MongoTemplate mongo) {
        this(mongo, 0);
    }

    /** The facts of one version: version 0 in the plain collections, version n in collections ending in {@code _vn}. */
    MongoReportFacts(MongoTemplate mongo, int version) {
        this.mongo = mongo;
        this.participations = new Documents(mongo, Documents.versioned(PARTICIPATIONS, version));
        this.rounds = new Documents(mongo, Documents.versioned(ROUNDS, version));
        this.organisationsCollection = Documents.versioned(ORGANISATIONS, version);
        this.organisations = new Documents(mongo, organisationsCollection);
    }

    @Override
    public void started(String assessmentId, Participation participation) {
        participations.save(new Document("_id", assessmentId)
                .append("organisationId", participation.organisationId())
                .append("roundId", participation.roundId())
                .append("teamId", participation.teamId()));
        mongo.upsert(byId(roundKey(participation)), roundFields(participation)
                .set("started." + assessmentId, participation.teamId()), rounds.name());
        touch(participation.organisationId());
    }

    @Override
    public Optional<Participation> participation(String assessmentId) {
        return participations.find(assessmentId).map(document -> new Participation(
                document.getString("organisationId"), document.getString("roundId"), document.getString("teamId")));
    }

    @Override
    public void completed(Participation participation, Completion completion) {
        mongo.upsert(byId(roundKey(participation)), roundFields(participation)
                .set("completed." + completion.assessmentId(), completedDocument(completion)), rounds.name());
        touch(participation.organisationId());
    }

    private static Document completedDocument(Completion completion) {
        StringBuilder options = new StringBuilder();
        List<Integer> questions = new ArrayList<>();
        List<Integer> points = new ArrayList<>();
        for (ScoredAnswer answer : completion.answers()) {
            questions.add(answer.question());
            options.append(answer.option().key());
            points.add(answer.points());
        }
        return new Document("teamId", completion.teamId())
                .append("at", Documents.date(completion.completedAt()))
                .append("instrumentVersion", completion.instrumentVersion())
                .append("questions", questions)
                .append("options", options.toString())
                .append("points", points)
                .append("band", completion.band().name());
    }

    @Override
    public Map<String, Participation> participations(Collection<String> assessmentIds) {
        Map<String, Participation> found = new HashMap<>();
        for (Document document : participations.findAll(assessmentIds)) {
            found.put(document.getString("_id"), new Participation(document.getString("organisationId"),
                    document.getString("roundId"), document.getString("teamId")));
        }
        return found;
    }

    /**
     * One bulk write of the participations, one update per round touched (all its new entries at once) and one
     * counter raise per organisation touched.
     */
    @Override
    public void apply(Changes changes) {
        if (!changes.started().isEmpty()) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, participations.name());
            changes.started().forEach((assessmentId, participation) -> bulk.replaceOne(byId(assessmentId),
                    new Document("_id", assessmentId)
                            .append("organisationId", participation.organisationId())
                            .append("roundId", participation.roundId())
                            .append("teamId", participation.teamId()),
                    FindAndReplaceOptions.options().upsert()));
            bulk.execute();
        }
        Map<String, Update> rounds = new java.util.LinkedHashMap<>();
        java.util.Set<String> organisationsTouched = new java.util.LinkedHashSet<>();
        changes.started().forEach((assessmentId, participation) -> {
            rounds.computeIfAbsent(roundKey(participation), key -> roundFields(participation))
                    .set("started." + assessmentId, participation.teamId());
            organisationsTouched.add(participation.organisationId());
        });
        for (Filed filed : changes.completed()) {
            rounds.computeIfAbsent(roundKey(filed.participation()), key -> roundFields(filed.participation()))
                    .set("completed." + filed.completion().assessmentId(), completedDocument(filed.completion()));
            organisationsTouched.add(filed.participation().organisationId());
        }
        rounds.forEach((key, update) -> mongo.upsert(byId(key), update, this.rounds.name()));
        organisationsTouched.forEach(this::touch);
    }

    @Override
    public long version(String organisationId) {
        return organisations.find(organisationId).map(document -> ((Number) document.get("version")).longValue())
                .orElse(0L);
    }

    @Override
    public Facts facts(String organisationId, Collection<String> roundIds) {
        List<String> keys = roundIds.stream().map(round -> organisationId + "/" + round).toList();
        List<Completion> completions = new ArrayList<>();
        Map<String, Map<String, Integer>> started = new HashMap<>();
        for (Document round : rounds.findAll(keys)) {
            String roundId = round.getString("roundId");
            Map<String, Integer> byTeam = new HashMap<>();
            Document startedIn = round.get("started", Document.class);
            if (startedIn != null) {
                startedIn.values().forEach(team -> byTeam.merge((String) team, 1, Integer::sum));
            }
            started.put(roundId, Map.copyOf(byTeam));
            Document completedIn = round.get("completed", Document.class);
            if (completedIn != null) {
                completedIn.forEach((assessmentId, value) -> completions.add(completion(assessmentId, roundId,
                        (Document) value)));
            }
        }
        return new Facts(completions, started);
    }

    private static Completion completion(String assessmentId, String roundId, Document document) {
        List<Integer> questions = document.getList("questions", Integer.class);
        List<Integer> points = document.getList("points", Integer.class);
        String options = document.getString("options");
        List<ScoredAnswer> answers = new ArrayList<>(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            answers.add(new ScoredAnswer(questions.get(i), Option.fromKey(options.substring(i, i + 1)),
                    points.get(i)));
        }
        return new Completion(assessmentId, roundId, document.getString("teamId"),
                Documents.instant(document.getDate("at")), document.getInteger("instrumentVersion"), answers,
                Band.valueOf(document.getString("band")));
    }

    /** Forgets the facts; the counters are raised, never reset, so no cache can take the rebuilt facts for the old. */
    @Override
    public void clear() {
        participations.clear();
        rounds.clear();
        mongo.updateMulti(new Query(), new Update().inc("version", 1L), organisationsCollection);
    }

    private void touch(String organisationId) {
        mongo.upsert(byId(organisationId), new Update().inc("version", 1L), organisationsCollection);
    }

    private static String roundKey(Participation participation) {
        return participation.organisationId() + "/" + participation.roundId();
    }

    private static Update roundFields(Participation participation) {
        return new Update().set("organisationId", participation.organisationId())
                .set("roundId", participation.roundId());
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
