package nl.klantspiegel.application.anonymity;

import nl.klantspiegel.application.port.in.AnswerChangesQuery;
import nl.klantspiegel.application.port.in.AuditTrailQuery;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ExportAssessmentsUseCase;
import nl.klantspiegel.application.port.in.ExportEventsUseCase;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
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
        Map<Instant, Recorder> sinceRaise = new HashMap<>();
        for (Object event : scenario.events) {
            Instant at = at(event);
            application.happen(event, at);
            sinceRaise.computeIfAbsent(at, moment -> scenario.minimumAt(moment) > 5 ? null : null);
            everything.observeNow("after " + event.getClass().getSimpleName() + " at " + at);
        }
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
        assertThat(everything.attacker.observations()).isGreaterThan(50);
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
            report.figures().ifPresent(figures -> {
                attacker.saw(asOf == null ? "live reports" : "reports as of", label, Set.copyOf(figures.assessmentIds()));
                attacker.sawDirectly("order statistics", "order statistics (minimum, maximum, median: single respondents' scores) of "
                        + describe(report.key()));
            });
            if (report.started().isPresent() && report.started().getAsInt() > 0) {
                attacker.saw("started counts", label + " started", startedIn(report.key(), asOf != null ? asOf : moment));
            }
        }

        private Set<String> startedIn(GroupKey key, Instant by) {
            return scenario.participations.entrySet().stream()
                    .filter(entry -> key.roundId().equals(entry.getValue().roundId())
                            && (key.teamId() == null || key.teamId().equals(entry.getValue().teamId())))
                    .filter(entry -> !scenario.startedAt.get(entry.getKey()).isAfter(by))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
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
            Map<List<Object>, Integer> alike = new HashMap<>();
            rows.rows().forEach(row -> alike.merge(List.of(row.roundId(), row.teamId(), row.startedOn(),
                    row.completedOn()), 1, Integer::sum));
            for (List<Object> look : alike.keySet()) {
                Set<String> candidates = scenario.completedAt.entrySet().stream()
                        .filter(entry -> !entry.getValue().isAfter(now))
                        .filter(entry -> {
                            Participation where = scenario.participations.get(entry.getKey());
                            return List.of(where.roundId(), where.teamId(), day(scenario.startedAt.get(entry.getKey())),
                                    day(entry.getValue())).equals(look);
                        })
                        .map(Map.Entry::getKey).collect(Collectors.toSet());
                attacker.saw("spreadsheet", when + ": spreadsheet rows " + look, candidates);
            }
        }

        /** An export's lines per assessment: alike when they look alike but for the assessment's own name. */
        private void export(ExportEventsUseCase.EventExport export, String when) {
            Map<String, List<String>> looks = new HashMap<>();
            try {
                export.streamTo(event -> {
                    if (scenario.participations.containsKey(event.aggregateId())) {
                        looks.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>())
                                .add(event.type() + "@" + event.timestamp());
                    }
                });
            } catch (java.io.IOException impossible) {
                throw new IllegalStateException(impossible);
            }
            Map<List<String>, Set<String>> alike = new HashMap<>();
            looks.forEach((assessment, look) -> {
                if (AssessmentId.parse(assessment).isPresent()) {
                    attacker.sawDirectly("export", "an export names an assessment by its resume key (" + assessment + ")");
                    alike.put(List.of(assessment), Set.of(assessment));
                } else {
                    alike.computeIfAbsent(look, key -> new HashSet<>()).add(assessment);
                }
            });
            alike.forEach((look, assessments) -> attacker.saw("export", when + ": export lines " + look, assessments));
        }

        private void audit(AuditTrailQuery.AuditPage page, String when, Instant now) {
            for (AuditTrailQuery.Activity activity : page.activity()) {
                attacker.saw("audit page", when + ": audit completions in " + activity.roundId() + " on " + activity.day(),
                        scenario.completedAt.entrySet().stream()
                                .filter(entry -> !entry.getValue().isAfter(now)
                                        && scenario.participations.get(entry.getKey()).roundId().equals(activity.roundId())
                                        && day(entry.getValue()).equals(activity.day()))
                                .map(Map.Entry::getKey).collect(Collectors.toSet()));
                attacker.saw("audit page", when + ": audit starts in " + activity.roundId() + " on " + activity.day(),
                        scenario.startedAt.entrySet().stream()
                                .filter(entry -> !entry.getValue().isAfter(now)
                                        && scenario.participations.get(entry.getKey()).roundId().equals(activity.roundId())
                                        && day(entry.getValue()).equals(activity.day()))
                                .map(Map.Entry::getKey).collect(Collectors.toSet()));
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
