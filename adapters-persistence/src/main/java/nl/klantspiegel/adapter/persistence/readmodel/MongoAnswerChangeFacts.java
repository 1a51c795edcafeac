package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.report.AnswerChanges;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer-change facts in two collections, both looked up by {@code _id}: {@code answerChangeAssessments} (an
 * assessment under way: its answers so far by question, its changes, the sequence number of its last event applied)
 * and {@code answerChangeRounds} (a round's completed assessments, spread over {@link RoundShards}: under
 * {@code completed.<id>} with their band and changes, each change written {@code "1ab"}: question, from, to).
 */
final class MongoAnswerChangeFacts implements AnswerChangeFacts {

    static final String ASSESSMENTS = "answerChangeAssessments";
    static final String ROUNDS = "answerChangeRounds";

    private final MongoTemplate mongo;
    private final Documents assessments;
    private final Documents rounds;

    MongoAnswerChangeFacts(MongoTemplate mongo) {
        this(mongo, 0);
    }

    MongoAnswerChangeFacts(MongoTemplate mongo, int version) {
        this.mongo = mongo;
        this.assessments = new Documents(mongo, Documents.versioned(ASSESSMENTS, version));
        this.rounds = new Documents(mongo, Documents.versioned(ROUNDS, version));
    }

    @Override
    public Optional<InProgress> inProgress(String assessmentId) {
        return assessments.find(assessmentId).map(MongoAnswerChangeFacts::inProgress);
    }

    /** One {@code _id $in} look-up. */
    @Override
    public Map<String, InProgress> inProgress(Collection<String> assessmentIds) {
        Map<String, InProgress> found = new LinkedHashMap<>();
        for (Document document : assessments.findAll(assessmentIds)) {
            found.put(document.getString("_id"), inProgress(document));
        }
        return found;
    }

    private static InProgress inProgress(Document document) {
        Map<Integer, Option> answers = new HashMap<>();
        Document given = document.get("answers", Document.class);
        given.forEach((question, option) -> answers.put(Integer.parseInt(question), Option.fromKey((String) option)));
        return new InProgress(document.getString("_id"), new Participation(document.getString("organisationId"),
                document.getString("roundId"), document.getString("teamId")),
                document.get("lastSequence", Number.class).longValue(), answers,
                changes(document.getList("changes", String.class)));
    }

    @Override
    public void save(InProgress assessment) {
        assessments.save(document(assessment));
    }

    private static Document document(InProgress assessment) {
        Document answers = new Document();
        new java.util.TreeMap<>(assessment.answers()).forEach((question, option) ->
                answers.append(String.valueOf(question), option.key()));
        return new Document("_id", assessment.assessmentId())
                .append("organisationId", assessment.participation().organisationId())
                .append("roundId", assessment.participation().roundId())
                .append("teamId", assessment.participation().teamId())
                .append("lastSequence", assessment.lastSequence())
                .append("answers", answers)
                .append("changes", written(assessment.changes()));
    }

    /** The round's document first, then the assessment forgotten: a crash in between files it twice, alike. */
    @Override
    public void complete(Participation participation, AnswerChanges.Completed completed) {
        apply(new Changes(List.of(), List.of(new Filed(participation, completed))));
    }

    /**
     * One bulk write of the assessments under way, one bulk write of the round shards with completions (each shard's
     * new entries in one update), then one removal of the completed assessments as under way.
     */
    @Override
    public void apply(Changes changes) {
        if (!changes.saved().isEmpty()) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, assessments.name());
            changes.saved().forEach(assessment -> bulk.replaceOne(byId(assessment.assessmentId()),
                    document(assessment), FindAndReplaceOptions.options().upsert()));
            bulk.execute();
        }
        if (changes.completed().isEmpty()) {
            return;
        }
        Map<String, Update> shards = new LinkedHashMap<>();
        for (Filed filed : changes.completed()) {
            Participation participation = filed.participation();
            AnswerChanges.Completed completed = filed.completed();
            shards.computeIfAbsent(RoundShards.key(participation.organisationId(), participation.roundId(),
                            completed.assessmentId()), key -> new Update()
                            .set("organisationId", participation.organisationId())
                            .set("roundId", participation.roundId()))
                    .set("completed." + completed.assessmentId(), new Document("band", completed.band().name())
                            .append("changes", written(completed.changes())));
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, rounds.name());
        shards.forEach((key, update) -> bulk.upsert(byId(key), update));
        bulk.execute();
        mongo.remove(Query.query(Criteria.where("_id").in(changes.completed().stream()
                .map(filed -> filed.completed().assessmentId()).toList())), assessments.name());
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    @Override
    public List<AnswerChanges.Completed> completed(String organisationId, Collection<String> roundIds) {
        // by assessment: one filed in a whole-round document of an earlier build and again in its shard counts once
        Map<String, AnswerChanges.Completed> found = new LinkedHashMap<>();
        for (Document round : rounds.findAll(RoundShards.keys(organisationId, roundIds))) {
            Document completed = round.get("completed", Document.class);
            if (completed == null) {
                continue;
            }
            for (String assessment : completed.keySet()) {
                Document one = completed.get(assessment, Document.class);
                found.put(assessment, new AnswerChanges.Completed(assessment, round.getString("roundId"),
                        Band.valueOf(one.getString("band")), changes(one.getList("changes", String.class))));
            }
        }
        return new ArrayList<>(found.values());
    }

    @Override
    public void clear() {
        assessments.clear();
        rounds.clear();
    }

    private static List<String> written(List<AnswerChanges.Change> changes) {
        return changes.stream().map(change -> change.question() + change.from().key() + change.to().key()).toList();
    }

    private static List<AnswerChanges.Change> changes(List<String> written) {
        List<AnswerChanges.Change> changes = new ArrayList<>();
        for (String change : written == null ? List.<String>of() : written) {
            changes.add(new AnswerChanges.Change(Integer.parseInt(change.substring(0, change.length() - 2)),
                    Option.fromKey(change.substring(change.length() - 2, change.length() - 1)),
                    Option.fromKey(change.substring(change.length() - 1))));
        }
        return changes;
    }
}
