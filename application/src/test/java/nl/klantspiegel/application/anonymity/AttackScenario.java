package nl.klantspiegel.application.anonymity;

import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.MinimumGroupSizeChanged;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.RoundClosed;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.TeamAdded;
import nl.klantspiegel.domain.organisation.TeamRenamed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded stream of what happens in an organisation, as the attacks on it were run by hand: minimum group size 5,
 * teams of 7, 6 and 2, two rounds, 28 completions, a respondent who never finishes, about a dozen who change an
 * answer before finishing, a straggler who finishes after their round closed, a renamed team, and the minimum raised
 * to 6 in the second round. Events come in the order of their times; every respondent's events are in order.
 */
final class AttackScenario {

    static final String ORGANISATION = "acme";
    static final String ADMIN = "m-admin";
    static final String ANALYST = "m-analyst";
    static final String LEAD = "m-lead";
    static final List<String> TEAMS = List.of("t-a", "t-b", "t-c");
    static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    /** The events in order of their time; every event's time is distinct. */
    final List<Object> events = new ArrayList<>();
    /** Where each assessment was taken. */
    final Map<String, Participation> participations = new HashMap<>();
    /** When each assessment started and, if it did, completed. */
    final Map<String, Instant> startedAt = new HashMap<>();
    final Map<String, Instant> completedAt = new HashMap<>();
    /** The minimum group size from this moment on. */
    final Map<Instant, Integer> minimumFrom = new HashMap<>();

    private final Random random;
    private final List<Timed> timed = new ArrayList<>();

    private record Timed(Instant at, int order, Object event) {
    }

    AttackScenario(long seed) {
        random = new Random(seed);
        Actor operator = Actor.operator("op");
        Actor admin = Actor.member(ADMIN);
        at(START, new OrganisationRegistered(ORGANISATION, "Acme", 5, operator, START));
        minimumFrom.put(START, 5);
        at(START.plusSeconds(1), new MemberAdded(ORGANISATION, ADMIN, Role.ADMIN, List.of(), operator, START.plusSeconds(1)));
        for (int team = 0; team < TEAMS.size(); team++) {
            Instant moment = START.plusSeconds(2 + team);
            at(moment, new TeamAdded(ORGANISATION, TEAMS.get(team), "Team " + (char) ('A' + team), admin, moment));
        }
        at(START.plusSeconds(10), new MemberAdded(ORGANISATION, ANALYST, Role.ANALYST, List.of(), admin,
                START.plusSeconds(10)));
        at(START.plusSeconds(11), new MemberAdded(ORGANISATION, LEAD, Role.TEAM_LEAD, List.of("t-a"), admin,
                START.plusSeconds(11)));
        Instant round1 = START.plusSeconds(60);
        at(round1, new RoundOpened(ORGANISATION, "r-1", "Spring", List.of(), null, "token-1", admin, round1));
        respondents("r-1", round1, new int[] {7, 6, 2}, Duration.ofDays(9));
        Instant closed = round1.plus(Duration.ofDays(10));
        at(closed, new RoundClosed(ORGANISATION, "r-1", admin, closed));
        // a straggler: started before the close, finishes after it
        respondent("r-1", "t-b", closed.minus(Duration.ofHours(2)), closed.plus(Duration.ofHours(5)));
        Instant renamed = closed.plus(Duration.ofDays(2));
        at(renamed, new TeamRenamed(ORGANISATION, "t-b", "Team B (new name)", admin, renamed));
        Instant round2 = START.plus(Duration.ofDays(35));
        at(round2, new RoundOpened(ORGANISATION, "r-2", "Summer", List.of(), null, "token-2", admin, round2));
        respondents("r-2", round2, new int[] {6, 4, 2}, Duration.ofDays(12));
        Instant raised = round2.plus(Duration.ofDays(6)).plusSeconds(7);
        at(raised, new MinimumGroupSizeChanged(ORGANISATION, 6, admin, raised));
        minimumFrom.put(raised, 6);
        // one who never finishes
        Instant never = round2.plus(Duration.ofDays(3)).plusSeconds(13);
        String id = "z-" + UUID.nameUUIDFromBytes(("never" + seed).getBytes()).toString();
        AssessmentStarted started = new AssessmentStarted(id, 1, Language.NL, never,
                new Participation(ORGANISATION, "r-2", "t-a"));
        at(never, started);
        participations.put(id, started.participation());
        startedAt.put(id, never);
        timed.sort(Comparator.comparing(Timed::at).thenComparingInt(Timed::order));
        timed.forEach(event -> events.add(event.event()));
    }

    private void respondents(String round, Instant opened, int[] perTeam, Duration within) {
        for (int team = 0; team < perTeam.length; team++) {
            for (int i = 0; i < perTeam[team]; i++) {
                Instant begin = opened.plusSeconds(300 + (long) random.nextInt((int) within.toSeconds() - 7200));
                respondent(round, TEAMS.get(team), begin, begin.plusSeconds(120 + random.nextInt(3000)));
            }
        }
    }

    private void respondent(String round, String team, Instant begin, Instant end) {
        String id = UUID.nameUUIDFromBytes(("respondent" + random.nextLong()).getBytes()).toString();
        Participation where = new Participation(ORGANISATION, round, team);
        participations.put(id, where);
        startedAt.put(id, begin);
        at(begin, new AssessmentStarted(id, 1, random.nextInt(5) == 0 ? Language.EN : Language.NL, begin, where));
        Map<Integer, Option> answers = new HashMap<>();
        long step = Math.max(1, Duration.between(begin, end).toMillis() / 10);
        Instant moment = begin;
        boolean changes = random.nextInt(28) < 12;
        for (int question = 1; question <= 6; question++) {
            moment = moment.plusMillis(1 + random.nextInt((int) Math.min(step, Integer.MAX_VALUE)));
            Option option = Option.values()[random.nextInt(3)];
            if (changes && question == 1 + random.nextInt(6)) {
                Option first = Option.values()[(option.ordinal() + 1) % 3];
                at(moment, new AnswerGiven(id, question, first, moment));
                moment = moment.plusMillis(1 + random.nextInt(1000));
            }
            at(moment, new AnswerGiven(id, question, option, moment));
            answers.put(question, option);
        }
        Score score = Instruments.current().score(answers);
        at(end, new AssessmentCompleted(id, 1, score.answers(), score.columnTotals(), score.total(), score.band(),
                end));
        completedAt.put(id, end);
    }

    private void at(Instant at, Object event) {
        timed.add(new Timed(at, timed.size(), event));
    }

    /** The minimum group size in force at a moment. */
    int minimumAt(Instant moment) {
        return minimumFrom.entrySet().stream().filter(entry -> !entry.getKey().isAfter(moment))
                .max(Map.Entry.comparingByKey()).map(Map.Entry::getValue).orElseThrow();
    }
}
