package nl.klantspiegel.application.account;

import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OperatorPreparation;
import nl.klantspiegel.application.port.in.OperatorUseCase;
import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.application.port.out.Accounts.Account;
import nl.klantspiegel.application.port.out.OperatorSetup;
import nl.klantspiegel.application.port.out.PasswordHashing;
import nl.klantspiegel.domain.account.AccountActivated;
import nl.klantspiegel.domain.account.EmailAddress;
import nl.klantspiegel.domain.account.PasswordPolicy;
import org.axonframework.eventhandling.gateway.EventGateway;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator, the one account that registers organisations: made at start from the configuration, or through the
 * one-time setup link the start writes to the log when none is configured. Nodes that start at the same moment make
 * one operator, or one link, between them.
 */
public final class OperatorService implements OperatorUseCase {

    private final Accounts accounts;
    private final OperatorSetup operatorSetup;
    private final PasswordHashing passwords;
    private final EventGateway events;
    private final Clock clock;

    public OperatorService(Accounts accounts, OperatorSetup operatorSetup, PasswordHashing passwords,
                           EventGateway events, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.operatorSetup = Objects.requireNonNull(operatorSetup, "operatorSetup");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public OperatorPreparation prepareOperator(String configuredEmail, String configuredPassword) {
        if (accounts.anyOperator()) {
            operatorSetup.clear();
            return new OperatorPreparation(OperatorPreparation.Status.OPERATOR_EXISTS, Optional.empty());
        }
        if (configuredEmail != null && !configuredEmail.isBlank()) {
            OperatorPreparation.Status status = OperatorPreparation.Status.OPERATOR_CREATED;
            try {
                createOperator(configuredEmail, configuredPassword);
            } catch (InvalidRequest addressTaken) {
                if (!accounts.anyOperator()) {
                    throw addressTaken;
                }
                // another node, started with the same configuration at the same moment, made the operator
                status = OperatorPreparation.Status.OPERATOR_EXISTS;
            }
            operatorSetup.clear();
            return new OperatorPreparation(status, Optional.empty());
        }
        String token = Secrets.newToken(Secrets.TOKEN_BYTES);
        if (!operatorSetup.create(Secrets.hash(token))) {
            return new OperatorPreparation(OperatorPreparation.Status.SETUP_LINK_EXISTS, Optional.empty());
        }
        return new OperatorPreparation(OperatorPreparation.Status.SETUP_LINK_MADE, Optional.of(token));
    }

    @Override
    public Caller setUpOperator(String setupToken, String email, String password) {
        String expected = operatorSetup.tokenHash()
                .orElseThrow(() -> new NotFound("This setup link (it may have been used)"));
        if (!Secrets.looksLikeToken(setupToken) || !Secrets.hash(setupToken).equals(expected) || accounts.anyOperator()) {
            throw new NotFound("This setup link (it may have been used)");
        }
        if (!operatorSetup.consume(expected)) {
            throw new NotFound("This setup link (it may have been used)"); // used a moment ago
        }
        try {
            return new Caller(createOperator(email, password).id(), true);
        } catch (RuntimeException failed) {
            operatorSetup.create(expected); // nothing was set up (a typing error, say): the link works again
            throw failed;
        }
    }

    private Account createOperator(String email, String password) {
        EmailAddress address = Enrolment.address(email);
        PasswordPolicy.check(password);
        Instant now = clock.instant();
        Account operator = new Account(UUID.randomUUID().toString(), address, true, passwords.hash(password), null,
                null, now, now);
        if (!accounts.create(operator)) {
            throw new InvalidRequest("The e-mail address " + address + " has an account already; the operator "
                    + "needs an address of its own.");
        }
        events.publish(new AccountActivated(operator.id(), now));
        return operator;
    }
}
