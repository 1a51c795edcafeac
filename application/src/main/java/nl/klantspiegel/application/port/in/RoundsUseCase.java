package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.organisation.Organisation;

import java.time.Instant;
import java.util.List;

/**
 * An organisation's measurement rounds. A stranger gets {@link NotFound}, a member whose role does not allow it
 * {@link AccessDenied}; an unknown round is {@link NotFound}; the organisation refuses what breaks its round rules.
 */
public interface RoundsUseCase {

    /**
     * Admins and analysts: every round; a team lead: the rounds their teams take part in. The invitation is handed
     * out by the admins, and by a team lead for a round their team takes part in (to remind their people).
     */
    List<RoundView> rounds(Caller caller, String organisationId);

    /**
     * @param opensAt  when it begins to take assessments; null: at once
     * @param closesAt when it closes by itself; null: when an admin closes it
     */
    RoundView openRound(Caller caller, String organisationId, String name, List<String> teams, Instant opensAt,
                        Instant closesAt);

    RoundView closeRound(Caller caller, String organisationId, String roundId);

    /**
     * @param teams   the teams it covers; empty: the whole organisation
     * @param opensAt when it begins (or began) to take assessments: {@code openedAt} unless it was opened for later
     * @param status  SCHEDULED (waiting for {@code opensAt}), OPEN or CLOSED, now
     */
    record RoundView(String id, String name, List<String> teams, @Nullable Instant openedAt,
                     @Nullable Instant opensAt, @Nullable Instant closesAt,
                     @Nullable Instant closedAt, String status, @Nullable String invitationToken) {
        public RoundView {
            teams = List.copyOf(teams);
        }

        /** A round as it stands at {@code now}; its invitation token only when asked for (those who hand it out). */
        public static RoundView of(Organisation.Round round, Instant now, boolean withInvitation) {
            String status = round.isScheduledAt(now) ? "SCHEDULED" : round.isOpenAt(now) ? "OPEN" : "CLOSED";
            return new RoundView(round.id(), round.name(), round.teams(), round.openedAt(), round.opensAt(),
                    round.closesAt(), round.closedAt(), status, withInvitation ? round.invitationToken() : null);
        }
    }
}
