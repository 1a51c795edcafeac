package nl.klantspiegel.adapter.persistence.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.report.Completion;

/**
 * The reports' facts, all looked up by {@code _id}:
 * <ul>
 *   <li>{@code reportParticipations}: per assessment started through an invitation, its organisation, round and
 *       team (what a completion is filed under);</li>
 *   <li>{@code reportRounds}: per round of an organisation, spread over {@link RoundShards} by assessment, the
 *       completed assessments ({@code completed.<assessmentId>}: team, time, instrument version, answers, points,
 *       band) and the releases that showed them ({@code rc.<assessmentId>}: release, when it was made, whether
 *       pooled) — each set under the assessment's id, so a redelivery changes nothing (earlier versions kept a round
 *       in one document, also with {@code started}, which is no longer read);</li>
 *   <li>{@code reportOrganisations}: per organisation its last release and cutoff, a counter raised by every
 *       release written and by a reset, never lowered: what a cache of its released results is checked against; and
 *       a counter of completions filed, what a look for due releases is checked against.</li>
 * </ul>
 * A round's shard grows by about 250 bytes per completed assessment of the shard, far below MongoDB's 16 MB per
 * document for any round of people.
 */
final class MongoReportFacts implements ReportFacts {

    static final String PARTICIPATIONS = "reportParticipations";
    static final String ROUNDS = "reportRounds";
    static final String ORGANISATIONS = "reportOrganisations";

    private final MongoTemplate mongo;
    private final Documents participations;
    private final Documents rounds;
    private final Documents organisations;

    MongoReportFacts(MongoTemplate mongo) {
        this(mongo, 0);
    }

    /** The facts of one version: version 0 in the plain collections, version n in collections ending in {@code _vn}. */
    MongoReportFacts(MongoTemplate mongo, int version) {
        this.mongo = mongo;
        this.participations = new Documents(mongo, Documents.versioned(PARTICIPATIONS, version));
        this.rounds = new Documents(mongo, Documents.versioned(ROUNDS, version));
        this.organisations = new Documents(mongo, Documents.versioned(ORGANISATIONS, version));
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
     * One bulk write of the participations and one update per round shard with completions (its new entries at once).
     * Nothing here changes what is released: the organisation's counter stays.
     */
    @Override
    public void apply(Changes changes) {
        if (!changes.started().isEmpty()) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, participations.name());
            changes.started().forEach((assessmentId, started) -> bulk.replaceOne(byId(assessmentId),
                    new Document("_id", assessmentId)
                            .append("organisationId", started.participation().organisationId())
                            .append("roundId", started.participation().roundId())
                            .append("teamId", started.participation().teamId()),
                    FindAndReplaceOptions.options().upsert()));
            bulk.execute();
        }
        Map<String, Update> updates = new LinkedHashMap<>();
        for (Filed filed : changes.completed()) {
            updates.computeIfAbsent(RoundShards.key(filed.participation().organisationId(),
                            filed.participation().roundId(), filed.completion().assessmentId()),
                            key -> roundFields(filed.participation()))
                    .set("completed." + filed.completion().assessmentId(), completedDocument(filed.completion()));
        }
        updates.forEach((key, update) -> mongo.upsert(byId(key), update, rounds.name()));
        Map<String, Long> filed = new LinkedHashMap<>();
        changes.completed().forEach(one -> filed.merge(one.participation().organisationId(), 1L, Long::sum));
        filed.forEach((organisationId, count) -> mongo.upsert(byId(organisationId),
                new Update().inc("completions", count), organisations.name()));
    }

    /** One update per round shard the release touches, then the organisation's last release and counter. */
    @Override
    public void released(ResultsReleased release) {
        Map<String, Update> updates = new LinkedHashMap<>();
        mark(release, release.completed(), "rc.", updates);
        updates.forEach((key, update) -> mongo.upsert(byId(key), update, rounds.name()));
        mongo.upsert(byId(release.organisationId()), new Update()
                .max("lastRelease", release.number())
                .max("lastCutoff", Documents.date(release.cutoff()))
                .inc("version", 1L), organisations.name());
    }

    private static void mark(ResultsReleased release, List<ResultsReleased.Batch> batches, String field,
                             Map<String, Update> updates) {
        for (ResultsReleased.Batch batch : batches) {
            Participation where = new Participation(release.organisationId(), batch.roundId(), "-");
            for (String assessmentId : batch.assessmentIds()) {
                updates.computeIfAbsent(RoundShards.key(release.organisationId(), batch.roundId(), assessmentId),
                                key -> roundFields(where))
                        .set(field + assessmentId, new Document("r", release.number())
                                .append("ra", Documents.date(release.at())).append("p", batch.pooled()));
            }
        }
    }

    @Override
    public long version(String organisationId) {
        return organisations.find(organisationId).map(document -> document.get("version"))
                .map(value -> ((Number) value).longValue()).orElse(0L);
    }

    @Override
    public long completions(String organisationId) {
        return organisations.find(organisationId).map(document -> document.get("completions"))
                .map(value -> ((Number) value).longValue()).orElse(0L);
    }

    @Override
    public Facts facts(String organisationId, Collection<String> roundIds) {
        // a completion and its mark are in one shard, but one filed in a whole-round document of an earlier build
        // may be marked in its shard: all of a round's marks first, then the completions (by id, each once)
        List<Document> documents = rounds.findAll(RoundShards.keys(organisationId, roundIds));
        Map<String, Document> marks = new HashMap<>();
        for (Document round : documents) {
            Document completionMarks = round.get("rc", Document.class);
            if (completionMarks != null) {
                completionMarks.forEach((assessmentId, value) -> marks.put(assessmentId, (Document) value));
            }
        }
        Map<String, CompletedFact> completed = new LinkedHashMap<>();
        for (Document round : documents) {
            String roundId = round.getString("roundId");
            Document completedIn = round.get("completed", Document.class);
            if (completedIn != null) {
                completedIn.forEach((assessmentId, value) -> completed.put(assessmentId, new CompletedFact(
                        completion(assessmentId, roundId, (Document) value), mark(marks.get(assessmentId)))));
            }
        }
        Optional<Document> organisation = organisations.find(organisationId);
        long lastRelease = organisation.map(document -> document.get("lastRelease"))
                .map(value -> ((Number) value).longValue()).orElse(0L);
        Optional<Instant> lastCutoff = organisation.map(document -> document.getDate("lastCutoff"))
                .map(Documents::instant);
        return new Facts(new ArrayList<>(completed.values()), lastRelease, lastRelease == 0 ? Optional.empty() : lastCutoff);
    }

    private static Optional<Mark> mark(Document mark) {
        if (mark == null) {
            return Optional.empty();
        }
        return Optional.of(new Mark(((Number) mark.get("r")).longValue(), Documents.instant(mark.getDate("ra")),
                Boolean.TRUE.equals(mark.getBoolean("p"))));
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
        mongo.updateMulti(new Query(), new Update().inc("version", 1L).unset("lastRelease").unset("lastCutoff"),
                organisations.name());
    }

    private static Update roundFields(Participation participation) {
        return new Update().set("organisationId", participation.organisationId())
                .set("roundId", participation.roundId());
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
