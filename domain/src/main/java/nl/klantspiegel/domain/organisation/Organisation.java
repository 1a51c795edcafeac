package nl.klantspiegel.domain.organisation;

import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.organisation.OrganisationRefused.Rule;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An organisation that measures its people's customer orientation: its teams, its members with their roles, and its
 * measurement rounds. A pure, immutable aggregate like {@code Assessment}: the command methods <em>decide</em> (they
 * answer with the events that should happen, or refuse with {@link OrganisationRefused}) and {@link #evolve} gives the
 * state after an event.
 *
 * <p>Who may do what is decided here too: the operator registers an organisation and adds its first admin; after
 * that only its admins manage teams, members and rounds.
 */
public final class Organisation {

    /** The smallest group a report may show when the organisation does not choose one. */
    public static final int DEFAULT_MINIMUM_GROUP_SIZE = 5;
    /** Below this no group is anonymous enough, whatever the organisation wants. */
    public static final int LOWEST_MINIMUM_GROUP_SIZE = 3;
    /** Above this almost every figure of almost every organisation would be hidden: surely a typing error. */
    public static final int HIGHEST_MINIMUM_GROUP_SIZE = 50;
    static final int MAXIMUM_NAME_LENGTH = 100;
    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    /** The most people a team can be said to have: more is surely a typing error. */
    public static final int HIGHEST_HEADCOUNT = 100_000;
    /** How far ahead a round can be opened: further is surely a typing error. */
    public static final java.time.Duration LONGEST_SCHEDULE = java.time.Duration.ofDays(366);

    /**
     * A team of the organisation; a retired team takes part in no new round.
     *
     * @param headcount how many people it has, as an admin said; null when no admin did
     */
    public record Team(String id, String name, boolean retired, Integer headcount) {

        /** A team without a headcount. */
        public Team(String id, String name, boolean retired) {
            this(id, name, retired, null);
        }
    }

    /** A member, by their account's id; their teams in the order of their ids, the same on every node. */
    public record Member(String id, Role role, Set<String> teams) {
        public Member {
            teams = teams == null ? Set.of()
                    : java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(teams));
        }
    }

    /**
     * A measurement round.
     *
     * @param teams    the teams it covers; empty: the whole organisation
     * @param openedAt when an admin opened it (for a later moment, maybe)
     * @param opensAt  when it begins to take assessments: {@code openedAt} unless it was opened for later
     * @param closesAt when it closes by itself, if ever
     * @param closedAt when it was closed (by an admin, or by the product at its closing time), if it was
     * @param started  whether its beginning is on record: at once for a round opened at once; for a round opened for
     *                 later, once the product recorded it
     */
    public record Round(String id, String name, List<String> teams, Instant openedAt, Instant opensAt,
                        Instant closesAt, Instant closedAt, String invitationToken, boolean started) {

        public Round {
            teams = teams == null ? List.of() : List.copyOf(teams);
            opensAt = opensAt == null ? openedAt : opensAt;
        }

        /** A round opened at once. */
        public Round(String id, String name, List<String> teams, Instant openedAt, Instant closesAt,
                     Instant closedAt, String invitationToken) {
            this(id, name, teams, openedAt, openedAt, closesAt, closedAt, invitationToken, true);
        }

        /**
         * Whether it starts new assessments at {@code moment}: it has begun and was not closed by then (also for a
         * moment in the past: a later close does not count, as in {@link #closedAt(Instant)}).
         */
        public boolean isOpenAt(Instant moment) {
            return !moment.isBefore(opensAt) && !closedAt(moment);
        }

        /** Whether at {@code moment} it waits for the moment it was opened for (and was not closed before). */
        public boolean isScheduledAt(Instant moment) {
            return moment.isBefore(opensAt) && (closedAt == null || moment.isBefore(closedAt));
        }

        /**
         * Whether it was closed at {@code moment} — by an admin at or before it, or by its closing time — also for a
         * moment in the past (then a later close does not count).
         */
        public boolean closedAt(Instant moment) {
            return closedAt != null && !moment.isBefore(closedAt) || closesAt != null && !moment.isBefore(closesAt);
        }

        public boolean coversWholeOrganisation() {
            return teams.isEmpty();
        }
    }

    private final String id;
    private final String name;
    private final int minimumGroupSize;
    private final Map<String, Team> teams;
    private final Map<String, Member> members;
    private final Map<String, Round> rounds;
    private final long version;

    private Organisation(String id, String name, int minimumGroupSize, Map<String, Team> teams,
                         Map<String, Member> members, Map<String, Round> rounds, long version) {
        this.id = id;
        this.name = name;
        this.minimumGroupSize = minimumGroupSize;
        this.teams = teams;
        this.members = members;
        this.rounds = rounds;
        this.version = version;
    }

    // ----- registration -------------------------------------------------------------------------------

    /**
     * Registers a new organisation; only the operator may.
     *
     * @param minimumGroupSize the smallest group its reports may show, at least {@value #LOWEST_MINIMUM_GROUP_SIZE}
     */
    public static OrganisationRegistered register(String organisationId, String name, int minimumGroupSize, Actor by,
                                                  Instant at) {
        Objects.requireNonNull(organisationId, "organisationId");
        if (!by.isOperator()) {
            throw refused(Rule.NOT_ALLOWED, "Only the operator registers organisations.");
        }
        requireMinimumGroupSize(minimumGroupSize);
        return new OrganisationRegistered(organisationId, validName(name, "An organisation"), minimumGroupSize, by, at);
    }

    /**
     * An organisation as it was after {@code version + 1} events, from a snapshot of its state (a read model keeps
     * one); evolving it further gives the same states as evolving it from its events.
     */
    public static Organisation restore(String id, String name, int minimumGroupSize, List<Team> teams,
                                       List<Member> members, List<Round> rounds, long version) {
        Map<String, Team> teamsById = new LinkedHashMap<>();
        teams.forEach(team -> teamsById.put(team.id(), team));
        Map<String, Member> membersById = new LinkedHashMap<>();
        members.forEach(member -> membersById.put(member.id(), member));
        Map<String, Round> roundsById = new LinkedHashMap<>();
        rounds.forEach(round -> roundsById.put(round.id(), round));
        return new Organisation(Objects.requireNonNull(id, "id"), Objects.requireNonNull(name, "name"),
                minimumGroupSize, Collections.unmodifiableMap(teamsById), Collections.unmodifiableMap(membersById),
                Collections.unmodifiableMap(roundsById), version);
    }

    /** The state right after registration. */
    public static Organisation registeredWith(OrganisationRegistered registered) {
        return new Organisation(registered.organisationId(), registered.name(), registered.minimumGroupSize(),
                Map.of(), Map.of(), Map.of(), 0);
    }

    // ----- decisions: teams ---------------------------------------------------------------------------

    public List<OrganisationEvent> addTeam(String teamId, String teamName, Actor by, Instant at) {
        requireAdmin(by);
        Objects.requireNonNull(teamId, "teamId");
        String valid = validName(teamName, "A team");
        requireUniqueTeamName(valid, null);
        if (teams.containsKey(teamId)) {
            throw new IllegalArgumentException("team " + teamId + " exists already");
        }
        return List.of(new TeamAdded(id, teamId, valid, by, at));
    }

    /** @return nothing when the team already has that name */
    public List<OrganisationEvent> renameTeam(String teamId, String teamName, Actor by, Instant at) {
        requireAdmin(by);
        Team team = activeTeam(teamId);
        String valid = validName(teamName, "A team");
        if (team.name().equals(valid)) {
            return List.of();
        }
        requireUniqueTeamName(valid, teamId);
        return List.of(new TeamRenamed(id, teamId, valid, by, at));
    }

    /** @return nothing when the team was retired already */
    public List<OrganisationEvent> retireTeam(String teamId, Actor by, Instant at) {
        requireAdmin(by);
        Team team = team(teamId);
        if (team.retired()) {
            return List.of();
        }
        return List.of(new TeamRetired(id, teamId, by, at));
    }

    // ----- decisions: members -------------------------------------------------------------------------

    /**
     * Adds a member. The operator may add the first admin of an organisation and nothing else; after that, only
     * its admins add members.
     *
     * @param memberTeams the teams a team lead leads (at least one); empty for the other roles
     */
    public List<OrganisationEvent> addMember(String memberId, Role role, Collection<String> memberTeams, Actor by,
                                             Instant at) {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(role, "role");
        if (by.isOperator()) {
            if (hasAdmin() || role != Role.ADMIN) {
                throw refused(Rule.NOT_ALLOWED, "The operator adds an organisation's first admin only; after that "
                        + "its admins add members.");
            }
        } else {
            requireAdmin(by);
        }
        if (members.containsKey(memberId)) {
            throw refused(Rule.ALREADY_A_MEMBER, "This person is a member of the organisation already.");
        }
        return List.of(new MemberAdded(id, memberId, role, validMemberTeams(role, memberTeams), by, at));
    }

    /** @return nothing when the member has that role and those teams already */
    public List<OrganisationEvent> changeMember(String memberId, Role role, Collection<String> memberTeams, Actor by,
                                                Instant at) {
        requireAdmin(by);
        Member member = member(memberId);
        Objects.requireNonNull(role, "role");
        List<String> valid = validMemberTeams(role, memberTeams);
        if (member.role() == Role.ADMIN && role != Role.ADMIN && admins() == 1) {
            throw refused(Rule.LAST_ADMIN, "This is the organisation's last admin; make another member admin first.");
        }
        if (member.role() == role && member.teams().equals(new LinkedHashSet<>(valid))) {
            return List.of();
        }
        return List.of(new MemberChanged(id, memberId, role, valid, by, at));
    }

    public List<OrganisationEvent> removeMember(String memberId, Actor by, Instant at) {
        requireAdmin(by);
        Member member = member(memberId);
        if (member.role() == Role.ADMIN && admins() == 1) {
            throw refused(Rule.LAST_ADMIN, "This is the organisation's last admin; make another member admin first.");
        }
        return List.of(new MemberRemoved(id, memberId, by, at));
    }

    // ----- decisions: rounds --------------------------------------------------------------------------

    /** Opens a measurement round at once; see {@link #openRound(String, String, Collection, Instant, Instant, String, Actor, Instant)}. */
    public List<OrganisationEvent> openRound(String roundId, String roundName, Collection<String> roundTeams,
                                             Instant closesAt, String invitationToken, Actor by, Instant at) {
        return openRound(roundId, roundName, roundTeams, null, closesAt, invitationToken, by, at);
    }

    /**
     * Opens a measurement round, at once or for a later moment.
     *
     * @param roundTeams      the teams it covers (active teams of this organisation); empty: the whole organisation
     * @param opensAt         when it begins to take assessments, at most {@link #LONGEST_SCHEDULE} ahead; null or not
     *                        after {@code at}: at once
     * @param closesAt        when it closes by itself, after it begins; null: when an admin closes it
     * @param invitationToken the unguessable part of its invitation link (handed out before it begins, if it likes)
     */
    public List<OrganisationEvent> openRound(String roundId, String roundName, Collection<String> roundTeams,
                                             Instant opensAt, Instant closesAt, String invitationToken, Actor by,
                                             Instant at) {
        requireAdmin(by);
        Objects.requireNonNull(roundId, "roundId");
        if (invitationToken == null || invitationToken.isBlank()) {
            throw new IllegalArgumentException("a round needs an invitation token");
        }
        String valid = validName(roundName, "A round");
        List<String> covered = List.copyOf(new LinkedHashSet<>(roundTeams == null ? List.of() : roundTeams));
        covered.forEach(this::activeTeam);
        if (covered.isEmpty() && activeTeams().isEmpty()) {
            throw refused(Rule.NO_ACTIVE_TEAMS, "The organisation has no active team to take part; add a team first.");
        }
        Instant later = opensAt != null && opensAt.isAfter(at) ? opensAt : null;
        if (later != null && later.isAfter(at.plus(LONGEST_SCHEDULE))) {
            throw refused(Rule.OPENING_TIME_OUT_OF_RANGE, "A round can be opened at most "
                    + LONGEST_SCHEDULE.toDays() + " days ahead.");
        }
        if (closesAt != null && !closesAt.isAfter(later != null ? later : at)) {
            throw refused(Rule.CLOSING_TIME_NOT_AHEAD, later != null
                    ? "A round's closing time must lie after the moment it opens."
                    : "A round's closing time must lie ahead.");
        }
        if (rounds.containsKey(roundId)) {
            throw new IllegalArgumentException("round " + roundId + " exists already");
        }
        return List.of(new RoundOpened(id, roundId, valid, covered, closesAt, invitationToken, by, at, later));
    }

    /**
     * Closes a round now, also one that waits for the moment it was opened for (which then never begins); a round
     * that is closed already (by an admin or by its closing time) is refused.
     */
    public List<OrganisationEvent> closeRound(String roundId, Actor by, Instant at) {
        requireAdmin(by);
        Round round = round(roundId);
        if (round.closedAt(at)) {
            throw refused(Rule.ROUND_CLOSED, "Round '" + round.name() + "' is closed already.");
        }
        return List.of(new RoundClosed(id, roundId, by, at));
    }

    /**
     * Puts on record what the rounds' schedules made happen by {@code now}: a round opened for later that reached
     * that moment began ({@link RoundStarted}), a round that reached its closing time closed ({@link RoundClosed}),
     * each by the product and at the moment it was set for. A round takes and stops taking assessments at those
     * moments whether or not this was recorded yet, so recording late changes nothing but the audit trail; recording
     * twice is impossible (the second time finds nothing due).
     *
     * @return nothing when nothing is due
     */
    public List<OrganisationEvent> keepSchedule(Instant now) {
        List<OrganisationEvent> due = new java.util.ArrayList<>();
        for (Round round : rounds.values()) {
            if (round.closedAt() != null) {
                continue;
            }
            if (!round.started() && !now.isBefore(round.opensAt())) {
                due.add(new RoundStarted(id, round.id(), Actor.system(), round.opensAt()));
            }
            if (round.closesAt() != null && !now.isBefore(round.closesAt())) {
                due.add(new RoundClosed(id, round.id(), Actor.system(), round.closesAt()));
            }
        }
        return due;
    }

    /**
     * The smallest group the organisation's reports may show: at least {@value #LOWEST_MINIMUM_GROUP_SIZE}. It may be
     * raised at any time, but lowered only while no round has been opened: once people answered under a promise,
     * that promise cannot be weakened.
     *
     * @return nothing when it has that size already
     */
    public List<OrganisationEvent> changeMinimumGroupSize(int size, Actor by, Instant at) {
        requireAdmin(by);
        requireMinimumGroupSize(size);
        if (size == minimumGroupSize) {
            return List.of();
        }
        if (size < minimumGroupSize && !rounds.isEmpty()) {
            throw refused(Rule.MINIMUM_GROUP_SIZE_LOCKED, "The minimum group size can no longer be lowered: rounds "
                    + "have been opened, and their respondents were promised groups of at least this size.");
        }
        return List.of(new MinimumGroupSizeChanged(id, size, by, at));
    }

    /**
     * Says how many people a team has (or withdraws it with null), so that rounds show what share of them took part.
     *
     * @return nothing when the team has that headcount already
     */
    public List<OrganisationEvent> setHeadcount(String teamId, Integer headcount, Actor by, Instant at) {
        requireAdmin(by);
        Team team = activeTeam(teamId);
        if (headcount != null && (headcount < 1 || headcount > HIGHEST_HEADCOUNT)) {
            throw refused(Rule.HEADCOUNT_OUT_OF_RANGE, "A team has 1 to " + HIGHEST_HEADCOUNT + " people.");
        }
        if (Objects.equals(team.headcount(), headcount)) {
            return List.of();
        }
        return List.of(new TeamHeadcountSet(id, teamId, headcount, by, at));
    }

    /**
     * Records that an admin or analyst took data out (an export has ended, or broke off). Nothing changes but the
     * audit trail.
     */
    public List<OrganisationEvent> recordExport(String exportId, String kind, String filter, long records,
                                                String lastHash, boolean complete, Actor by, Instant at) {
        Objects.requireNonNull(by, "by");
        if (by.isOperator() ? !DataExported.EVERY_ORGANISATION.equals(kind)
                : !membership(by.id()).map(Membership::mayExport).orElse(false)) {
            throw refused(Rule.NOT_ALLOWED, by.isOperator()
                    ? "The operator exports every organisation's events, never one organisation's data."
                    : "Only an admin or analyst of the organisation may export its data.");
        }
        if (records < 0) {
            throw new IllegalArgumentException("records " + records);
        }
        return List.of(new DataExported(id, exportId, kind, filter, records, lastHash, complete, by, at));
    }

    // ----- decisions: respondents ---------------------------------------------------------------------

    /**
     * Lets a respondent start an assessment in a round, for a team.
     *
     * @param chosenTeam the team the respondent chose; may be null when the round has one team to choose from
     * @return where the assessment is taken
     */
    public Participation admit(String roundId, String chosenTeam, Instant at) {
        Round round = round(roundId);
        if (round.isScheduledAt(at)) {
            throw refused(Rule.ROUND_NOT_OPEN_YET, "Round '" + round.name() + "' opens at " + round.opensAt()
                    + ": it takes no assessments before.");
        }
        if (!round.isOpenAt(at)) {
            throw refused(Rule.ROUND_CLOSED, "Round '" + round.name() + "' is closed: it takes no new assessments.");
        }
        List<Team> offered = teamsToChooseFrom(roundId);
        if (offered.isEmpty()) {
            throw refused(Rule.NO_ACTIVE_TEAMS, "No team of round '" + round.name() + "' takes part any more.");
        }
        if (chosenTeam == null) {
            if (offered.size() != 1) {
                throw refused(Rule.TEAM_REQUIRED, "Choose your team: this round covers " + offered.size() + " teams.");
            }
            return new Participation(id, roundId, offered.get(0).id());
        }
        if (offered.stream().noneMatch(team -> team.id().equals(chosenTeam))) {
            throw refused(Rule.TEAM_NOT_IN_ROUND, "This team does not take part in round '" + round.name() + "'.");
        }
        return new Participation(id, roundId, chosenTeam);
    }

    /** The teams a respondent of this round chooses from: its active teams (all of them for the whole organisation). */
    public List<Team> teamsToChooseFrom(String roundId) {
        Round round = round(roundId);
        if (round.coversWholeOrganisation()) {
            return activeTeams();
        }
        return round.teams().stream().map(teams::get).filter(team -> !team.retired()).toList();
    }

    // ----- evolution ----------------------------------------------------------------------------------

    /** The state after one more event. */
    public Organisation evolve(OrganisationEvent event) {
        if (!id.equals(event.organisationId())) {
            throw new IllegalArgumentException("event of organisation " + event.organisationId() + " applied to " + id);
        }
        if (event instanceof MinimumGroupSizeChanged changed) {
            return new Organisation(id, name, changed.minimumGroupSize(), teams, members, rounds, version + 1);
        }
        if (event instanceof TeamAdded added) {
            return withTeams(map -> map.put(added.teamId(), new Team(added.teamId(), added.name(), false)));
        }
        if (event instanceof TeamRenamed renamed) {
            return withTeams(map -> map.computeIfPresent(renamed.teamId(),
                    (key, team) -> new Team(key, renamed.name(), team.retired(), team.headcount())));
        }
        if (event instanceof TeamRetired retired) {
            return withTeams(map -> map.computeIfPresent(retired.teamId(),
                    (key, team) -> new Team(key, team.name(), true, team.headcount())));
        }
        if (event instanceof TeamHeadcountSet set) {
            return withTeams(map -> map.computeIfPresent(set.teamId(),
                    (key, team) -> new Team(key, team.name(), team.retired(), set.headcount())));
        }
        if (event instanceof MemberAdded added) {
            return withMembers(map -> map.put(added.memberId(),
                    new Member(added.memberId(), added.role(), new java.util.TreeSet<>(added.teams()))));
        }
        if (event instanceof MemberChanged changed) {
            return withMembers(map -> map.computeIfPresent(changed.memberId(),
                    (key, member) -> new Member(key, changed.role(), new java.util.TreeSet<>(changed.teams()))));
        }
        if (event instanceof MemberRemoved removed) {
            return withMembers(map -> map.remove(removed.memberId()));
        }
        if (event instanceof RoundOpened opened) {
            return withRounds(map -> map.put(opened.roundId(), new Round(opened.roundId(), opened.name(),
                    opened.teams(), opened.at(), opened.opensAt(), opened.closesAt(), null, opened.invitationToken(),
                    opened.opensAt() == null)));
        }
        if (event instanceof RoundStarted started) {
            return withRounds(map -> map.computeIfPresent(started.roundId(), (key, round) -> new Round(key,
                    round.name(), round.teams(), round.openedAt(), round.opensAt(), round.closesAt(),
                    round.closedAt(), round.invitationToken(), true)));
        }
        if (event instanceof RoundClosed closed) {
            return withRounds(map -> map.computeIfPresent(closed.roundId(), (key, round) -> new Round(key,
                    round.name(), round.teams(), round.openedAt(), round.opensAt(), round.closesAt(), closed.at(),
                    round.invitationToken(), round.started())));
        }
        if (event instanceof DataExported) {
            return new Organisation(id, name, minimumGroupSize, teams, members, rounds, version + 1);
        }
        throw new IllegalArgumentException("organisation " + id + " was already registered");
    }

    private Organisation withTeams(Consumer<Map<String, Team>> change) {
        Map<String, Team> changed = new LinkedHashMap<>(teams);
        change.accept(changed);
        return new Organisation(id, name, minimumGroupSize, Collections.unmodifiableMap(changed), members, rounds,
                version + 1);
    }

    private Organisation withMembers(Consumer<Map<String, Member>> change) {
        Map<String, Member> changed = new LinkedHashMap<>(members);
        change.accept(changed);
        return new Organisation(id, name, minimumGroupSize, teams, Collections.unmodifiableMap(changed), rounds,
                version + 1);
    }

    private Organisation withRounds(Consumer<Map<String, Round>> change) {
        Map<String, Round> changed = new LinkedHashMap<>(rounds);
        change.accept(changed);
        return new Organisation(id, name, minimumGroupSize, teams, members, Collections.unmodifiableMap(changed),
                version + 1);
    }

    // ----- state --------------------------------------------------------------------------------------

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public int minimumGroupSize() {
        return minimumGroupSize;
    }

    /** Every team, retired ones included, in the order they were added. */
    public List<Team> teams() {
        return List.copyOf(teams.values());
    }

    public List<Team> activeTeams() {
        return teams.values().stream().filter(team -> !team.retired()).toList();
    }

    public List<Member> members() {
        return List.copyOf(members.values());
    }

    /** Every round, in the order they were opened. */
    public List<Round> rounds() {
        return List.copyOf(rounds.values());
    }

    public Optional<Round> findRound(String roundId) {
        return Optional.ofNullable(rounds.get(roundId));
    }

    public Optional<Team> findTeam(String teamId) {
        return Optional.ofNullable(teams.get(teamId));
    }

    /** What the member may see and do here, if they are a member. */
    public Optional<Membership> membership(String memberId) {
        return Optional.ofNullable(members.get(memberId))
                .map(member -> new Membership(id, member.id(), member.role(), member.teams()));
    }

    /** How many events made this state, less one. */
    public long version() {
        return version;
    }

    // ----- rules --------------------------------------------------------------------------------------

    private void requireAdmin(Actor by) {
        Objects.requireNonNull(by, "by");
        Member member = by.isOperator() ? null : members.get(by.id());
        if (member == null || member.role() != Role.ADMIN) {
            throw refused(Rule.NOT_ALLOWED, "Only an admin of the organisation may do this.");
        }
    }

    private boolean hasAdmin() {
        return admins() > 0;
    }

    private long admins() {
        return members.values().stream().filter(member -> member.role() == Role.ADMIN).count();
    }

    private List<String> validMemberTeams(Role role, Collection<String> memberTeams) {
        List<String> valid = List.copyOf(new LinkedHashSet<>(memberTeams == null ? List.of() : memberTeams));
        if (role == Role.TEAM_LEAD && valid.isEmpty()) {
            throw refused(Rule.TEAM_LEAD_WITHOUT_TEAMS, "A team lead leads at least one team.");
        }
        if (role != Role.TEAM_LEAD && !valid.isEmpty()) {
            throw refused(Rule.TEAMS_ONLY_FOR_TEAM_LEADS, "Only a team lead is given teams; an admin or analyst "
                    + "sees every team.");
        }
        valid.forEach(this::activeTeam);
        return valid;
    }

    private void requireUniqueTeamName(String teamName, String exceptTeam) {
        String key = comparable(teamName);
        boolean taken = teams.values().stream()
                .filter(team -> !team.retired() && !team.id().equals(exceptTeam))
                .anyMatch(team -> comparable(team.name()).equals(key));
        if (taken) {
            throw refused(Rule.DUPLICATE_TEAM_NAME, "The organisation has a team named '" + teamName + "' already.");
        }
    }

    /** How names are compared: without letter case and without the joiners. */
    private static String comparable(String name) {
        return name.replace("\u200C", "").replace("\u200D", "").toLowerCase(Locale.ROOT);
    }

    private Team team(String teamId) {
        Team team = teamId == null ? null : teams.get(teamId);
        if (team == null) {
            throw refused(Rule.UNKNOWN_TEAM, "There is no team " + teamId + " in this organisation.");
        }
        return team;
    }

    private Team activeTeam(String teamId) {
        Team team = team(teamId);
        if (team.retired()) {
            throw refused(Rule.TEAM_RETIRED, "Team '" + team.name() + "' is retired.");
        }
        return team;
    }

    private Member member(String memberId) {
        Member member = memberId == null ? null : members.get(memberId);
        if (member == null) {
            throw refused(Rule.UNKNOWN_MEMBER, "There is no member " + memberId + " in this organisation.");
        }
        return member;
    }

    private Round round(String roundId) {
        Round round = roundId == null ? null : rounds.get(roundId);
        if (round == null) {
            throw refused(Rule.UNKNOWN_ROUND, "There is no round " + roundId + " in this organisation.");
        }
        return round;
    }

    /**
     * Every run of white space (tabs, line breaks, non-breaking spaces included) made one space and trimmed, in
     * Unicode's composed form (NFC); 1 to 100 characters; no control characters and no invisible formatting
     * characters (a zero-width space, a direction override), which would make two names that look the same differ.
     * Only the two joiners that scripts and emoji need are kept (U+200C, U+200D); names are compared without them.
     */
    static String validName(String name, String what) {
        String text = name == null ? "" : name;
        if (text.codePoints().anyMatch(Organisation::control)) {
            throw invalidName(what);
        }
        String normalised = Normalizer.normalize(text.replaceAll("[\\s\\p{Z}]+", " "), Normalizer.Form.NFC).strip();
        int length = normalised.codePointCount(0, normalised.length());
        if (length == 0 || length > MAXIMUM_NAME_LENGTH || normalised.codePoints().anyMatch(Organisation::invisible)
                || comparable(normalised).isBlank()) {
            throw invalidName(what);
        }
        return normalised;
    }

    private static OrganisationRefused invalidName(String what) {
        return refused(Rule.INVALID_NAME, what + " needs a name of 1 to " + MAXIMUM_NAME_LENGTH
                + " characters, without control or invisible characters.");
    }

    /** A control character other than the white space that is collapsed (tab, line breaks). */
    private static boolean control(int codePoint) {
        return Character.isISOControl(codePoint) && !Character.isWhitespace(codePoint)
                || codePoint >= 0x1C && codePoint <= 0x1F;
    }

    private static boolean invisible(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT && codePoint != ZERO_WIDTH_NON_JOINER
                && codePoint != ZERO_WIDTH_JOINER;
    }

    private static void requireMinimumGroupSize(int size) {
        if (size < LOWEST_MINIMUM_GROUP_SIZE) {
            throw refused(Rule.MINIMUM_GROUP_SIZE_OUT_OF_RANGE, "The minimum group size is at least "
                    + LOWEST_MINIMUM_GROUP_SIZE + "; smaller groups are not anonymous.");
        }
        if (size > HIGHEST_MINIMUM_GROUP_SIZE) {
            throw refused(Rule.MINIMUM_GROUP_SIZE_OUT_OF_RANGE, "The minimum group size is at most "
                    + HIGHEST_MINIMUM_GROUP_SIZE + "; above it almost every figure would be hidden.");
        }
    }

    private static OrganisationRefused refused(Rule rule, String message) {
        return new OrganisationRefused(rule, message);
    }

    @Override
    public String toString() {
        return "Organisation " + id + " (" + name + ")";
    }
}
