package nl.klantspiegel.adapter.web.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.application.port.in.AccountSummary;
import nl.klantspiegel.application.port.in.ActivateAccountUseCase;
import nl.klantspiegel.application.port.in.MyAccountUseCase;
import nl.klantspiegel.application.port.in.OperatorUseCase;
import nl.klantspiegel.application.port.in.ApiTokensUseCase;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Accounts: activation, the operator's one-time setup, one's own account and personal API tokens. */
@RestController
@Tag(name = "Accounts", description = "Activating an account, setting up the operator, personal API tokens")
class AccountController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccountController.class);

    private final ActivateAccountUseCase activation;
    private final OperatorUseCase operator;
    private final MyAccountUseCase myAccount;
    private final ApiTokensUseCase tokens;

    AccountController(ActivateAccountUseCase activation, OperatorUseCase operator, MyAccountUseCase myAccount,
                      ApiTokensUseCase tokens) {
        this.activation = activation;
        this.operator = operator;
        this.myAccount = myAccount;
        this.tokens = tokens;
    }

    record Activation(String activationToken, String password) {
        @Override
        public String toString() {
            return "Activation"; // never the token or the password
        }
    }

    record OperatorSetup(String setupToken, String email, String password) {
        @Override
        public String toString() {
            return "OperatorSetup[" + email + "]";
        }
    }

    record TokenRequest(Integer validityDays) {
    }

    record TokenResponse(String id, String token, Instant expiresAt) {
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @PostMapping(path = "/api/accounts/activation", consumes = "application/json")
    @Operation(summary = "Activate an account: choose a password (at least 12 characters) with the activation token",
            description = "An unknown, used or expired token: 404.")
    ResponseEntity<Void> activate(@RequestBody Activation activation) {
        this.activation.activate(activation.activationToken(), activation.password());
        return ResponseEntity.noContent().build();
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping(path = "/api/setup/operator", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Create the operator with the one-time setup token printed in the log at start")
    ResponseEntity<AccountSummary> setUpOperator(@RequestBody OperatorSetup setup) {
        Caller created = operator.setUpOperator(setup.setupToken(), setup.email(), setup.password());
        log.info("The operator was created with the setup link; the link is used up.");
        return ResponseEntity.status(HttpStatus.CREATED).body(myAccount.me(created));
    }

    @GetMapping(path = "/api/me", produces = "application/json")
    @Operation(summary = "The signed-in account: its address, whether it is the operator, its organisations")
    AccountSummary me(@AuthenticationPrincipal Caller caller) {
        return myAccount.me(caller);
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping(path = "/api/tokens", produces = "application/json")
    @Operation(summary = "A personal API token, with HTTP Basic (e-mail address and password)",
            description = "The only endpoint that takes a password this way. The token is shown once; send it as "
                    + "'Authorization: Bearer <token>'. Optional body {\"validityDays\": 1-365} (default 90).")
    ResponseEntity<TokenResponse> createToken(@AuthenticationPrincipal Caller caller,
                                              @RequestBody(required = false) TokenRequest request) {
        Duration validity = request == null || request.validityDays() == null ? null
                : validity(request.validityDays());
        ApiTokensUseCase.NewApiToken token = tokens.create(caller, validity);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new TokenResponse(token.id(), token.token(), token.expiresAt()));
    }

    private static Duration validity(int days) {
        if (days < 1 || days > 365) {
            throw new InvalidRequest("validityDays is 1 to 365.");
        }
        return Duration.ofDays(days);
    }

    @GetMapping(path = "/api/me/tokens", produces = "application/json")
    @Operation(summary = "One's own API tokens (never the tokens themselves)")
    List<ApiTokensUseCase.ApiTokenSummary> myTokens(@AuthenticationPrincipal Caller caller) {
        return tokens.list(caller);
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @DeleteMapping(path = "/api/me/tokens/{tokenId}")
    @Operation(summary = "Revoke one of one's own API tokens")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Caller caller, @PathVariable String tokenId) {
        tokens.revoke(caller, tokenId);
        return ResponseEntity.noContent().build();
    }
}
