package nl.klantspiegel.boot;

import nl.klantspiegel.application.port.in.OperatorUseCase;
import nl.klantspiegel.application.port.in.OperatorPreparation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * The installation's operator, once the application is ready: created from {@code KLANTSPIEGEL_OPERATOR_EMAIL} and
 * {@code KLANTSPIEGEL_OPERATOR_PASSWORD} (or {@code klantspiegel.operator.email} / {@code .password}) when there is
 * none yet; otherwise, with none configured, a one-time setup link is made and printed in the log, valid until it is
 * used. There is one link however many nodes start: the node that made it prints it, every later start says that it
 * exists (the database keeps only its hash, so it cannot be printed again; a start with the operator configured
 * creates the operator regardless). There is no default password anywhere.
 */
final class OperatorBootstrap implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);

    private final OperatorUseCase accounts;
    private final String email;
    private final String password;
    private final String publicUrl;

    OperatorBootstrap(OperatorUseCase accounts, String email, String password, String publicUrl) {
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
        OperatorPreparation prepared = accounts.prepareOperator(email, password);
        switch (prepared.status()) {
            case SETUP_LINK_MADE -> log.info("There is no operator yet. Create one, once, with this link (valid until "
                    + "used): {}/beheer/#/installatie/{}", base, prepared.setupToken().orElseThrow());
            case SETUP_LINK_EXISTS -> log.info("There is no operator yet. A setup link for the operator exists already: "
                    + "it was printed in the log of the node (or the start) that made it, and stays valid until used. "
                    + "Lost it? Start one node with KLANTSPIEGEL_OPERATOR_EMAIL and KLANTSPIEGEL_OPERATOR_PASSWORD.");
            case OPERATOR_CREATED -> log.info("The operator was created from the configuration "
                    + "(KLANTSPIEGEL_OPERATOR_EMAIL); sign in at {}/beheer/.", base);
            case OPERATOR_EXISTS -> log.info("The operator exists.");
        }
    }
}
