package nl.klantspiegel.boot;

import nl.klantspiegel.application.account.Enrolment;
import nl.klantspiegel.application.account.Secrets;
import nl.klantspiegel.application.assessment.CompleteAssessmentCommand;
import nl.klantspiegel.application.assessment.GiveAnswerCommand;
import nl.klantspiegel.application.assessment.StartAssessmentCommand;
import nl.klantspiegel.application.organisation.AddMemberCommand;
import nl.klantspiegel.application.organisation.AddTeamCommand;
import nl.klantspiegel.application.organisation.AdmitRespondentCommand;
import nl.klantspiegel.application.organisation.CloseRoundCommand;
import nl.klantspiegel.application.organisation.OpenRoundCommand;
import nl.klantspiegel.application.organisation.RegisterOrganisationCommand;
import nl.klantspiegel.application.port.in.ReleaseResultsUseCase;
import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.application.port.out.OneTimeTasks;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.ProjectionProgress;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Instrument;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.Role;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * {@code --klantspiegel.demo=true}: creates, once, a demo organisation that a newcomer can look at within a minute:
 * four teams, an admin and a team lead (their sign-in is printed in the log), and two years of quarterly rounds with
 * 8 to 20 respondents per team per round (2 to 6 in the small fourth team, whose results mostly wait for a batch of five), who get more customer-oriented over time, some change an answer before
 * they finish and a few never do. Everything goes through the real commands, with the historical times the commands
 * carry, so the events, views, audit trail and reports are exactly what real use would have made. It runs in the
 * background after the start; the application serves meanwhile.
 *
 * <p><b>Once, however many nodes start with it.</b> Which node makes it is decided in the shared database
 * ({@link OneTimeTasks}): the first to claim it does, renewing its claim while it works; the others say that it is
 * being made, or was. A node that stops before it is done gives its claim up (or, killed, leaves it to go stale after
 * {@link #STALE_AFTER}); the next node that starts with the demo then makes it again. What the stopped node had made
 * stays (the event log keeps everything), under the same name.
 */
final class DemoOrganisation implements ApplicationListener<ApplicationReadyEvent>, SmartLifecycle {

    static final String TASK = "demo-organisation";
    /** How long a claim may go without renewal before the node that made it counts as gone. */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(15);

    static final String NAME = "Demo: Zorgverzekeraar Zuid";
    private static final Logger logger = LoggerFactory.getLogger(DemoOrganisation.class);
    private static final String ADMIN_EMAIL = "admin@demo.klantspiegel.nl";
    private static final String TEAM_LEAD_EMAIL = "teamleider@demo.klantspiegel.nl";
    private static final List<String> TEAMS = List.of("Klantenservice", "Verkoop", "Buitendienst",
            "Klachtenbemiddeling");
    /** Where each team starts (chance of the most customer-oriented answer) and how much it grows per quarter. */
    private static final double[][] TEAM_GROWTH = {{0.35, 0.035}, {0.25, 0.02}, {0.45, 0.01}, {0.3, 0.03}};
    /** How many of each team take part in a round: at least the first, fewer than the first plus the second. */
    private static final int[][] TEAM_RESPONDENTS = {{8, 13}, {8, 13}, {8, 13}, {2, 5}};
    /** How many people each team has, as its admin entered them: the response rates of the rounds. */
    private static final int[] TEAM_HEADCOUNTS = {19, 20, 18, 6};
    private static final int QUARTERS = 8;
    private static final ZoneId ZONE = nl.klantspiegel.domain.report.ReportBasis.ZONE; // the releases' time zone

    private final CommandGateway commands;
    private final Enrolment accounts;
    private final OrganisationViews organisations;
    private final ReleaseResultsUseCase releases;
    private final ProjectionProgress progress;
    private final EventLog log;
    private final OneTimeTasks tasks;
    private final Clock clock;
    private final boolean enabled;
    private final String password;
    private final String node = UUID.randomUUID().toString();
    private volatile boolean stopping;
    private volatile boolean claimLost;
    private volatile Thread builder;

    /** @param password the demo accounts' password; blank for a new random one (printed once in the log) */
    DemoOrganisation(CommandGateway commands, Enrolment accounts, OrganisationViews organisations,
                     ReleaseResultsUseCase releases, ProjectionProgress progress, EventLog log, OneTimeTasks tasks,
                     Clock clock, boolean enabled, String password) {
        this.commands = commands;
        this.accounts = accounts;
        this.organisations = organisations;
        this.releases = releases;
        this.progress = progress;
        this.log = log;
        this.tasks = tasks;
        this.clock = clock;
        this.enabled = enabled;
        this.password = password == null ? "" : password;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        if (!enabled) {
            return;
        }
        switch (tasks.claim(TASK, node, clock.instant(), STALE_AFTER)) {
            case DONE -> logger.info("The demo organisation exists already; sign in as {} (the password was printed "
                    + "when it was made)", ADMIN_EMAIL);
            case BUSY_ELSEWHERE -> logger.info("The demo organisation is being made by another node (since {}); sign in "
                    + "as {} with the password that node prints", tasks.holder(TASK).map(holder -> holder.claimedAt())
                    .orElse(null), ADMIN_EMAIL);
            case CLAIMED -> {
                if (organisations.all().stream().anyMatch(organisation -> organisation.name().equals(NAME))) {
                    // made before its making was claimed in the database
                    tasks.finish(TASK, node, clock.instant());
                    logger.info("The demo organisation exists already; sign in as {} (the password was printed when "
                            + "it was made)", ADMIN_EMAIL);
                    return;
                }
                build();
            }
            case TAKEN_OVER -> {
                logger.warn("The node that began the demo organisation stopped before it was done; it is made again "
                        + "(what was made before stays, under the same name)");
                build();
            }
        }
    }

    private void build() {
        Thread thread = new Thread(() -> {
            java.util.concurrent.ScheduledExecutorService renewal =
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                        Thread renewing = new Thread(task, "demo-organisation-claim");
                        renewing.setDaemon(true);
                        return renewing;
                    });
            renewal.scheduleWithFixedDelay(() -> {
                try {
                    if (!tasks.renew(TASK, node, clock.instant())) {
                        claimLost = true;
                    }
                } catch (RuntimeException unreachable) {
                    logger.warn("Could not renew this node's claim on the demo organisation: {}", unreachable.toString());
                }
            }, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            try {
                create();
                tasks.finish(TASK, node, clock.instant());
            } catch (Stopped stopped) {
                tasks.abandon(TASK, node);
                logger.info("Stopped making the demo organisation ({}); the next node that starts with the demo "
                        + "makes it", stopped.getMessage());
            } catch (RuntimeException failed) {
                tasks.abandon(TASK, node);
                logger.error("Could not make the demo organisation; the next node that starts with the demo makes it",
                        failed);
            } finally {
                renewal.shutdownNow();
            }
        }, "demo-organisation");
        thread.setDaemon(true);
        builder = thread;
        thread.start();
    }

    /**
     * On shutdown, before Axon stops (the highest phase stops first): the demo stops between two respondents, and its
     * claim is given up for the next start.
     */
    @Override
    public void stop() {
        stopping = true;
        Thread running = builder;
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void start() {
        // the demo starts once the application is ready, see onApplicationEvent
    }

    @Override
    public boolean isRunning() {
        return !stopping;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private void checkStillMine() {
        if (stopping) {
            throw new Stopped("the node stops");
        }
        if (claimLost) {
            throw new Stopped("another node took it over");
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped(String why) {
            super(why, null, false, false);
        }
    }

    private void create() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        LocalDate firstQuarter = LocalDate.ofInstant(now, ZONE).withDayOfMonth(1).minusMonths(3L * (QUARTERS - 1));
        Instant founded = firstQuarter.minusMonths(1).atStartOfDay(ZONE).toInstant();
        Actor operator = Actor.operator("demo");
        String organisation = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterOrganisationCommand(organisation, NAME,
                Organisation.DEFAULT_MINIMUM_GROUP_SIZE, operator, founded));

        boolean accountsExisted = accounts.findByEmail(ADMIN_EMAIL).filter(found -> found.isActive()).isPresent();
        String adminPassword = password.isBlank() ? Secrets.newToken(16) : password;
        String adminId = activated(ADMIN_EMAIL, adminPassword);
        commands.sendAndWait(new AddMemberCommand(organisation, adminId, Role.ADMIN, List.of(), operator,
                founded.plusSeconds(60)));
        Actor admin = Actor.member(adminId);
        List<String> teams = new ArrayList<>();
        for (int t = 0; t < TEAMS.size(); t++) {
            String team = UUID.randomUUID().toString();
            commands.sendAndWait(new AddTeamCommand(organisation, team, TEAMS.get(t), admin,
                    founded.plusSeconds(120L + t)));
            commands.sendAndWait(new nl.klantspiegel.application.organisation.SetHeadcountCommand(organisation, team,
                    TEAM_HEADCOUNTS[t], admin, founded.plusSeconds(150L + t)));
            teams.add(team);
        }
        String leadPassword = password.isBlank() ? Secrets.newToken(16) : password;
        String leadId = activated(TEAM_LEAD_EMAIL, leadPassword);
        commands.sendAndWait(new AddMemberCommand(organisation, leadId, Role.TEAM_LEAD, List.of(teams.get(0)), admin,
                founded.plusSeconds(180)));
        if (accountsExisted && password.isBlank()) {
            adminPassword = leadPassword = "(as printed when the demo was first begun)";
        }
        logger.info("Demo organisation '{}': sign in at /beheer/ as {} with password {} (admin), or as {} with "
                + "password {} (team lead of {}). The rounds and respondents are being added.", NAME, ADMIN_EMAIL,
                adminPassword, TEAM_LEAD_EMAIL, leadPassword, TEAMS.get(0));

        int assessments = 0;
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(TEAMS.size());
        try {
            assessments = rounds(organisation, admin, teams, firstQuarter, now, workers);
        } finally {
            workers.shutdown();
        }
        int released = releaseHistory(organisation);
        logger.info("Demo organisation '{}' ready: {} teams, {} rounds, {} assessments in {} releases, in {} s", NAME,
                teams.size(), QUARTERS, assessments, released,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /**
     * Releases the history as it would have been released: once the report facts hold every answer, one release is
     * tried per day of the past (the schedule's catch-up), then the current hour's.
     */
    private int releaseHistory(String organisation) {
        long head = log.head();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (progress.position(nl.klantspiegel.application.report.ReportProjection.PROCESSING_GROUP).orElse(0) < head
                && System.nanoTime() < deadline) {
            checkStillMine();
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return releases.releaseDue(organisation, clock.instant());
    }

    private int rounds(String organisation, Actor admin, List<String> teams, LocalDate firstQuarter, Instant now,
                       java.util.concurrent.ExecutorService workers) {
        int assessments = 0;
        for (int quarter = 0; quarter < QUARTERS; quarter++) {
            checkStillMine();
            LocalDate opens = firstQuarter.plusMonths(3L * quarter);
            Instant openedAt = opens.atTime(9, 0).atZone(ZONE).toInstant();
            boolean last = quarter == QUARTERS - 1;
            Instant closesAt = last ? Instant.now().plus(Duration.ofDays(30)) : openedAt.plus(Duration.ofDays(28));
            String round = UUID.randomUUID().toString();
            String name = "Q" + ((opens.getMonthValue() - 1) / 3 + 1) + " " + opens.getYear();
            commands.sendAndWait(new OpenRoundCommand(organisation, round, name, List.of(), null, closesAt,
                    Secrets.newToken(18), admin, openedAt));
            // the teams answer side by side: their commands share the disk's commits
            List<java.util.concurrent.Future<Integer>> answered = new ArrayList<>();
            for (int t = 0; t < teams.size(); t++) {
                int teamIndex = t;
                int quarterIndex = quarter;
                answered.add(workers.submit(() -> {
                    Random own = new Random(2026L * 31 + quarterIndex * 7L + teamIndex);
                    int respondents = TEAM_RESPONDENTS[teamIndex][0] + own.nextInt(TEAM_RESPONDENTS[teamIndex][1]);
                    double best = Math.min(0.9, TEAM_GROWTH[teamIndex][0] + TEAM_GROWTH[teamIndex][1] * quarterIndex);
                    for (int r = 0; r < respondents; r++) {
                        checkStillMine();
                        long window = Math.min(Duration.ofDays(25).toMinutes(),
                                Math.max(1, Duration.between(openedAt, now).toMinutes() - 30));
                        Instant at = openedAt.plus(Duration.ofMinutes(own.nextLong(window)));
                        respond(organisation, round, teams.get(teamIndex), at, best, own);
                    }
                    return respondents;
                }));
            }
            for (java.util.concurrent.Future<Integer> team : answered) {
                assessments += join(team);
            }
            if (!last) {
                Instant closed = openedAt.plus(Duration.ofDays(28)).minus(1, ChronoUnit.HOURS);
                commands.sendAndWait(new CloseRoundCommand(organisation, round, admin, closed));
            }
        }
        return assessments;
    }

    private static int join(java.util.concurrent.Future<Integer> team) {
        try {
            return team.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the demo", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Stopped stopped) {
                throw stopped;
            }
            throw new IllegalStateException("could not make the demo", e.getCause());
        }
    }

    private String activated(String email, String password) {
        Enrolment.Invited invited = accounts.invite(email);
        if (invited.activationToken() != null) {
            accounts.activate(invited.activationToken(), password);
        }
        return invited.account().id();
    }

    /** One respondent: admitted by the organisation, answers (sometimes changing one), and mostly completes. */
    private void respond(String organisation, String round, String team, Instant at, double best, Random random) {
        Participation participation = commands.sendAndWait(new AdmitRespondentCommand(organisation, round, team, at));
        AssessmentId id = AssessmentId.newId();
        commands.sendAndWait(new StartAssessmentCommand(id, random.nextInt(5) == 0 ? Language.EN : Language.NL,
                participation, at));
        Instrument instrument = Instruments.current();
        Instant moment = at;
        for (int question = 1; question <= instrument.questionCount(); question++) {
            moment = moment.plusSeconds(20 + random.nextInt(90));
            if (random.nextInt(8) == 0) { // a first thought, changed before finishing
                commands.sendAndWait(new GiveAnswerCommand(id.value(), question, choose(instrument, question, 0.2,
                        random).key(), moment));
                moment = moment.plusSeconds(5 + random.nextInt(30));
            }
            commands.sendAndWait(new GiveAnswerCommand(id.value(), question, choose(instrument, question, best,
                    random).key(), moment));
        }
        if (random.nextInt(20) != 0) {
            commands.sendAndWait(new CompleteAssessmentCommand(id.value(), moment.plusSeconds(10)));
        }
    }

    /** The best option with chance {@code best}, the middle one most of the rest of the time, else the weakest. */
    private static Option choose(Instrument instrument, int question, double best, Random random) {
        double draw = random.nextDouble();
        int wanted = draw < best ? 5 : draw < best + (1 - best) * 0.6 ? 3 : 1;
        for (Option option : Option.values()) {
            if (instrument.points(question, option) == wanted) {
                return option;
            }
        }
        throw new IllegalStateException("question " + question + " has no option worth " + wanted);
    }
}
