package nl.klantspiegel.application.anonymity;

import nl.klantspiegel.application.port.in.AnswerChangesQuery;
import nl.klantspiegel.application.port.in.AuditTrailQuery;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ExportAssessmentsUseCase;
import nl.klantspiegel.application.port.in.ExportEventsUseCase;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.export.OrganisationExport;
import nl.klantspiegel.domain.export.Pseudonyms;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.report.AnswerChanges;
import nl.klantspiegel.domain.report.GroupKey;
import nl.klantspiegel.domain.report.GroupReport;
import nl.klantspiegel.domain.report.Granularity;
import nl.klantspiegel.domain.report.ReportBasis;
import nl.klantspiegel.domain.scoring.Rescoring;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organisation's members attack the anonymity of its respondents with everything the product shows them, over
 * time: after every event each member role (admin, analyst, the lead of team A) takes every report, every CSV, the
 * event export and the audit page, and at the end every report as of a millisecond before and after every
 * completion and every change of the minimum group size. An independent {@link TimeAttacker} then combines all of it.
 * The promise holds when no combination isolates fewer respondents than the minimum group size.
 */
class TimeAttackTest {

    private static final Caller ADMIN = new Caller(AttackScenario.ADMIN, false);
    private static final Caller ANALYST = new Caller(AttackScenario.ANALYST, false);
    private static final Caller LEAD = new Caller(AttackScenario.LEAD, false);
    private static final List<Caller> MEMBERS = List.of(ADMIN, ANALYST, LEAD);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void no_combination_of_everything_the_members_saw_isolates_fewer_than_the_minimum(long seed) {
        AttackScenario scenario = new AttackScenario(seed);
        ApplicationUnderAttack application = new ApplicationUnderAttack();
        Recorder everything = new Recorder(scenario, application);
        Instant lastCompletion = null;
        for (Object event : scenario.events) {
            Instant at = at(event);
            application.passTimeTo(at);
            application.happen(event, at);
            everything.observeNow("after " + event.getClass().getSimpleName() + " at " + at);
            if (lastCompletion != null) {
                // the binary search on asOf, live: just before and just after the last completion
                everything.observeAsOf(lastCompletion.minusMillis(1));
                everything.observeAsOf(lastCompletion.plusMillis(1));
            }
            if (event instanceof nl.klantspiegel.domain.assessment.AssessmentCompleted completed) {
                lastCompletion = completed.at();
            }
        }
        application.passTimeTo(application.clock.instant().plus(java.time.Duration.ofDays(2)));
        everything.observeNow("two days after the last event");
        for (Instant moment : moments(scenario)) {
            everything.observeAsOf(moment);
        }
        List<String> leaks = everything.attacker.leaks(5);
        for (String channel : everything.attacker.channels()) {
            System.out.printf("seed %d, %s alone: %d leak(s)%n", seed, channel,
                    everything.attacker.leaks(5, Set.of(channel)).size());
        }
        System.out.printf("seed %d, everything together: %d leak(s), %d respondents%n", seed, leaks.size(),
                scenario.participations.size());
        assertThat(everything.attacker.respondentsSeen()).as("the members saw the results of most respondents")
                .isGreaterThanOrEqualTo(20);
        assertThat(everything.attacker.channels()).as("every kind of thing shown was taken").contains("live reports",
                "reports as of", "answer changes", "re-scoring", "spreadsheet", "export", "audit page");
        assertThat(leaks).as("what the members learnt about fewer than 5 respondents").isEmpty();
    }

    /** A millisecond before and after every completion and every change of the minimum. */
    private static List<Instant> moments(AttackScenario scenario) {
        Set<Instant> moments = new TreeSet<>();
        scenario.completedAt.values().forEach(at -> {
            moments.add(at.minusMillis(1));
            moments.add(at.plusMillis(1));
        });
        scenario.minimumFrom.keySet().forEach(at -> {
            moments.add(at.minusMillis(1));
            moments.add(at.plusMillis(1));
        });
        return new ArrayList<>(moments);
    }

    private static Instant at(Object event) {
        if (event instanceof nl.klantspiegel.domain.assessment.AssessmentEvent assessment) {
            return assessment.at();
        }
        return ((nl.klantspiegel.domain.organisation.OrganisationEvent) event).at();
    }

    /** Turns what each member is shown into what the attacker saw: the respondents each figure rests on. */
    static final class Recorder {

        final TimeAttacker attacker = new TimeAttacker();
        private final AttackScenario scenario;
        private final ApplicationUnderAttack application;

        Recorder(AttackScenario scenario, ApplicationUnderAttack application) {
            this.scenario = scenario;
            this.application = application;
        }

        void observeNow(String when) {
            Instant now = application.clock.instant();
            for (Caller member : MEMBERS) {
                reports(member, null, when, now);
                ask(() -> application.changes.answerChanges(member, AttackScenario.ORGANISATION, null),
                        answer -> changes(answer.report(), when));
                for (Organisation.Round round : rounds(null)) {
                    ask(() -> application.changes.answerChanges(member, AttackScenario.ORGANISATION, round.id()),
                            answer -> changes(answer.report(), when));
                    ask(() -> application.rescoring.rescoring(member, AttackScenario.ORGANISATION, "oriented",
                            round.id()), answer -> answer.report().groups().forEach(group -> rescored(group, when)));
                }
                ask(() -> application.rows.completedAssessments(member, AttackScenario.ORGANISATION, null, null, null,
                        null), rows -> rows(rows, when, now));
                ask(() -> application.export.ofOrganisation(member, AttackScenario.ORGANISATION,
                        new ExportEventsUseCase.Filter(0, null, null, Set.of())), export -> export(export, when));
                ask(() -> application.audit.audit(member, AttackScenario.ORGANISATION, null, null, null, 0, 100),
                        page -> audit(page, when, now));
            }
        }

        void observeAsOf(Instant moment) {
            for (Caller member : MEMBERS) {
                reports(member, moment, "as of " + moment, moment);
            }
        }

        private List<Organisation.Round> rounds(Instant asOf) {
            OrganisationView view = application.views.find(AttackScenario.ORGANISATION).orElseThrow();
            return view.rounds().stream().filter(round -> asOf == null || !round.openedAt().isAfter(asOf)).toList();
        }

        private void reports(Caller member, Instant asOf, String when, Instant moment) {
            String org = AttackScenario.ORGANISATION;
            for (Granularity granularity : Granularity.values()) {
                ask(() -> application.reports.trend(member, org, granularity, null, null, null, asOf),
                        answer -> answer.report().series().forEach(series -> series.points()
                                .forEach(point -> group(point, when, moment, asOf))));
                for (String team : AttackScenario.TEAMS) {
                    ask(() -> application.reports.trend(member, org, granularity, null, null, team, asOf),
                            answer -> answer.report().series().forEach(series -> series.points()
                                    .forEach(point -> group(point, when, moment, asOf))));
                }
            }
            List<Organisation.Round> rounds = rounds(asOf);
            for (Organisation.Round round : rounds) {
                ask(() -> application.reports.round(member, org, round.id(), asOf), answer -> {
                    group(answer.report().organisation(), when, moment, asOf);
                    answer.report().teams().forEach(team -> group(team, when, moment, asOf));
                });
                ask(() -> application.reports.heatmap(member, org, round.id(), asOf), answer -> {
                    group(answer.report().reference().group(), when, moment, asOf);
                    answer.report().rows().forEach(row -> group(row.group(), when, moment, asOf));
                });
                for (Organisation.Round other : rounds) {
                    if (!other.id().equals(round.id())) {
                        ask(() -> application.reports.comparison(member, org, round.id(), other.id(), asOf),
                                answer -> answer.report().groups().forEach(compared -> {
                                    group(compared.round(), when, moment, asOf);
                                    group(compared.other(), when, moment, asOf);
                                }));
                    }
                }
            }
        }

        private void group(GroupReport report, String when, Instant moment, Instant asOf) {
            String label = when + ": " + describe(report.key());
            report.figures().ifPresent(figures -> attacker.saw(asOf == null ? "live reports" : "reports as of", label,
                    Set.copyOf(figures.assessmentIds())));
        }

        /**
         * What the releases made by a moment put in a round, of those that count under today's minimum: the
         * assessments a count of that round rests on.
         */
        private Set<String> released(String roundId, Instant by) {
            int minimum = application.views.find(AttackScenario.ORGANISATION).orElseThrow().minimumGroupSize();
            Set<String> members = new HashSet<>();
            for (ResultsReleased release : application.releases) {
                if (release.at().isAfter(by)) {
                    continue;
                }
                for (ResultsReleased.Batch batch : release.completed()) {
                    if (batch.size() >= minimum && batch.roundId().equals(roundId)) {
                        members.addAll(batch.assessmentIds());
                    }
                }
            }
            return members;
        }

        private void changes(AnswerChangesQuery.AnswerChangeReport report, String when) {
            for (AnswerChanges.Group group : report.groups()) {
                attacker.saw("answer changes", when + ": answer changes " + group.key() + " of round " + report.roundId(),
                        Set.copyOf(group.assessmentIds()));
            }
        }

        private void rescored(Rescoring.Group group, String when) {
            attacker.saw("re-scoring", when + ": re-scoring " + describe(group.key()), Set.copyOf(group.assessmentIds()));
        }

        /** Rows that look alike are one set: the attacker knows each row belongs to one of them. */
        private void rows(ExportAssessmentsUseCase.AssessmentRows rows, String when, Instant now) {
            Map<List<Object>, Set<String>> alike = new HashMap<>();
            for (ExportAssessmentsUseCase.Row row : rows.rows()) {
                String assessment = named(row.assessment());
                alike.computeIfAbsent(java.util.Arrays.asList(row.roundId(), row.teamId(), row.releasedOn()),
                        look -> new HashSet<>()).add(assessment);
            }
            alike.forEach((look, assessments) -> attacker.saw("spreadsheet", when + ": spreadsheet rows " + look,
                    assessments));
        }

        /** The assessment behind a name an export uses: its id when it names it so (a leak), or its pseudonym. */
        private String named(String name) {
            if (scenario.participations.containsKey(name)) {
                attacker.sawDirectly("export", "an export names an assessment by its resume key (" + name + ")");
                return name;
            }
            return pseudonyms().getOrDefault(name, name);
        }

        private Map<String, String> pseudonyms() {
            if (pseudonyms == null) {
                Pseudonyms of = new Pseudonyms(application.key.key());
                pseudonyms = new HashMap<>();
                scenario.participations.keySet().forEach(id -> pseudonyms.put(of.of(AttackScenario.ORGANISATION,
                        id), id));
            }
            return pseudonyms;
        }

        private Map<String, String> pseudonyms;

        /**
         * An export's lines per assessment: alike when what identifies them is alike — round, team and the times on
         * them — whatever they say (answers, how often one was changed: what a group of respondents answered).
         */
        private void export(ExportEventsUseCase.EventExport export, String when) {
            Map<String, Set<Object>> looks = new HashMap<>();
            try {
                export.streamTo(event -> {
                    String assessment = named(event.aggregateId());
                    if (scenario.participations.containsKey(assessment)) {
                        Set<Object> look = looks.computeIfAbsent(assessment, id -> new HashSet<>());
                        look.add(event.timestamp());
                        if (event.payload() instanceof OrganisationExport.Start start) {
                            look.add("round " + start.roundId());
                            look.add("team " + start.teamId());
                        }
                    }
                });
            } catch (java.io.IOException impossible) {
                throw new IllegalStateException(impossible);
            }
            Map<Set<Object>, Set<String>> alike = new HashMap<>();
            looks.forEach((assessment, look) -> alike.computeIfAbsent(look, key -> new HashSet<>()).add(assessment));
            alike.forEach((look, assessments) -> attacker.saw("export", when + ": export lines " + look, assessments));
        }

        private void audit(AuditTrailQuery.AuditPage page, String when, Instant now) {
            for (AuditTrailQuery.Participation round : page.participation()) {
                attacker.saw("audit page", when + ": audit completions in " + round.roundId(),
                        released(round.roundId(), now));
            }
            for (AuditTrailQuery.Entry entry : page.entries()) {
                if (entry.type().equals("ResultsReleased")) {
                    ResultsReleased release = application.releases.stream()
                            .filter(made -> String.valueOf(made.number()).equals(entry.details().get("release")))
                            .findFirst().orElseThrow();
                    release.completed().forEach(batch -> attacker.saw("audit page", when + ": audit release "
                            + release.number() + " batch", Set.copyOf(batch.assessmentIds())));
                }
            }
        }

        private static LocalDate day(Instant at) {
            return at.atZone(ReportBasis.ZONE).toLocalDate();
        }

        private static String describe(GroupKey key) {
            return (key.teamId() == null ? "organisation" : "team " + key.teamId())
                    + (key.roundId() == null ? "" : " in round " + key.roundId())
                    + (key.period() == null ? "" : " in " + key.period().label());
        }

        private static <T> void ask(Supplier<T> question, java.util.function.Consumer<T> record) {
            T answer;
            try {
                answer = question.get();
            } catch (RuntimeException refused) {
                return; // not for this member, or not there: nothing seen
            }
            record.accept(answer);
        }
    }
}
