package nl.klantspiegel.boot;

import nl.klantspiegel.application.port.in.AccountsUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * The installation's operator, once the application is ready: created from {@code KLANTSPIEGEL_OPERATOR_EMAIL} and
 * {@code KLANTSPIEGEL_OPERATOR_PASSWORD} (or {@code klantspiegel.operator.email} / {@code .password}) when there is
 * none yet; otherwise, with none configured, a one-time setup link is printed in the log (valid until it is used, or
 * until the next start prints a new one). There is no default password anywhere.
 */
final class OperatorBootstrap implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);

    private final AccountsUseCase accounts;
    private final String email;
    private final String password;
    private final String publicUrl;

    OperatorBootstrap(AccountsUseCase accounts, String email, String password, String publicUrl) {
        this.accounts = accounts;
        this.email = email;
        this.password = password;
        this.publicUrl = publicUrl;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        String base = publicUrl.isBlank()
                ? "http://localhost:" + ready.getApplicationContext().getEnvironment().getProperty("local.server.port",
                "8080")
                : publicUrl.replaceAll("/$", "");
        accounts.prepareOperator(email, password).ifPresent(token -> log.warn("There is no operator yet. Create "
                + "one, once, with this link (valid until used): {}/beheer/#/installatie/{}", base, token));
    }
}
