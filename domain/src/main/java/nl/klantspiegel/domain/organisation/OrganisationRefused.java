package nl.klantspiegel.domain.organisation;

import java.util.Objects;

/** A command the organisation refuses, with the rule it would break. Nothing happened. */
public final class OrganisationRefused extends RuntimeException {

    /** What kind of refusal, whatever the way the command came in. */
    public enum Kind {
        /** The command itself is not valid: a blank name, a team lead without teams. */
        INVALID,
        /** It clashes with the organisation as it is: a name taken, the last admin, a closed round. */
        CONFLICT,
        /** It names something the organisation does not have. */
        NOT_FOUND,
        /** The one asking may not do this. */
        NOT_ALLOWED
    }

    public enum Rule {
        NOT_ALLOWED(Kind.NOT_ALLOWED),
        INVALID_NAME(Kind.INVALID),
        DUPLICATE_TEAM_NAME(Kind.CONFLICT),
        UNKNOWN_TEAM(Kind.INVALID),
        TEAM_RETIRED(Kind.CONFLICT),
        UNKNOWN_MEMBER(Kind.NOT_FOUND),
        ALREADY_A_MEMBER(Kind.CONFLICT),
        LAST_ADMIN(Kind.CONFLICT),
        TEAM_LEAD_WITHOUT_TEAMS(Kind.INVALID),
        TEAMS_ONLY_FOR_TEAM_LEADS(Kind.INVALID),
        UNKNOWN_ROUND(Kind.NOT_FOUND),
        ROUND_CLOSED(Kind.CONFLICT),
        NO_ACTIVE_TEAMS(Kind.CONFLICT),
        CLOSING_TIME_NOT_AHEAD(Kind.INVALID),
        OPENING_TIME_OUT_OF_RANGE(Kind.INVALID),
        ROUND_NOT_OPEN_YET(Kind.CONFLICT),
        HEADCOUNT_OUT_OF_RANGE(Kind.INVALID),
        TEAM_REQUIRED(Kind.INVALID),
        TEAM_NOT_IN_ROUND(Kind.INVALID),
        MINIMUM_GROUP_SIZE_OUT_OF_RANGE(Kind.INVALID),
        MINIMUM_GROUP_SIZE_LOCKED(Kind.CONFLICT);

        private final Kind kind;

        Rule(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private final Rule rule;

    OrganisationRefused(Rule rule, String message) {
        super(message);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    public Rule rule() {
        return rule;
    }

    public Kind kind() {
        return rule.kind();
    }
}
