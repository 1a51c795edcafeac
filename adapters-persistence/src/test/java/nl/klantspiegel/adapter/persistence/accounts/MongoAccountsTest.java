package nl.klantspiegel.adapter.persistence.accounts;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.Accounts.Account;
import nl.klantspiegel.application.port.out.ApiTokens.ApiToken;
import nl.klantspiegel.domain.account.EmailAddress;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The accounts store (accounts, API tokens, the operator's setup link) through the real MongoDB driver. */
class MongoAccountsTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("accounts");

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
    MongoAccounts store = new MongoAccounts(mongo);

    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00.123Z");
    private static final EmailAddress ANNA = new EmailAddress("anna@example.org");

    // ----- accounts -----------------------------------------------------------------------------------

    @Test
    void a_created_account_is_found_by_id_by_email_and_by_its_activation() {
        Account anna = invited("acc-1", ANNA, "activation-1");

        assertThat(store.create(anna)).isTrue();

        assertThat(store.find("acc-1")).contains(anna);
        assertThat(store.findByEmail(ANNA)).contains(anna);
        assertThat(store.findByEmail(new EmailAddress(" Anna@Example.ORG "))).contains(anna);
        assertThat(store.findByActivation(sha256("activation-1"))).contains(anna);
    }

    @Test
    void an_unknown_account_is_found_nowhere() {
        store.create(invited("acc-1", ANNA, "activation-1"));

        assertThat(store.find("acc-2")).isEmpty();
        assertThat(store.findByEmail(new EmailAddress("bert@example.org"))).isEmpty();
        assertThat(store.findByActivation(sha256("activation-2"))).isEmpty();
        assertThat(store.findByActivation("activation-1")).as("the clear token opens nothing").isEmpty();
        assertThat(store.findByActivation(null)).isEmpty();
    }

    @Test
    void every_field_of_an_active_account_is_read_back() {
        Account active = new Account("acc-1", ANNA, true, "{bcrypt}$2a$10$abc", null, null, T0,
                T0.plusSeconds(3600));

        store.create(active);

        assertThat(store.find("acc-1")).contains(active);
    }

    @Test
    void a_second_account_with_the_same_address_is_refused_and_nothing_of_it_is_stored() {
        Account anna = invited("acc-1", ANNA, "activation-1");
        store.create(anna);

        boolean created = store.create(new Account("acc-2", new EmailAddress("ANNA@example.org"), true, null,
                sha256("activation-2"), T0.plusSeconds(60), T0.plusSeconds(1), null));

        assertThat(created).isFalse();
        assertThat(store.findByEmail(ANNA)).contains(anna);
        assertThat(store.find("acc-2")).isEmpty();
        assertThat(store.findByActivation(sha256("activation-2"))).isEmpty();
        assertThat(store.anyOperator()).as("the refused account was an operator").isFalse();
        assertThat(mongo.getCollection(MongoAccounts.ACCOUNTS).countDocuments()).isEqualTo(1);
        assertThat(mongo.getCollection(MongoAccounts.EMAILS).countDocuments()).isEqualTo(1);
        assertThat(mongo.getCollection(MongoAccounts.ACTIVATIONS).countDocuments()).isEqualTo(1);
    }

    @Test
    void of_two_creations_of_one_address_at_the_same_moment_exactly_one_wins() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 25; round++) {
                EmailAddress email = new EmailAddress("same-" + round + "@example.org");
                Account first = invited("first-" + round, email, "first-" + round);
                Account second = invited("second-" + round, email, "second-" + round);
                CountDownLatch ready = new CountDownLatch(2);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (Account account : List.of(first, second)) {
                    Callable<Boolean> create = () -> {
                        ready.countDown();
                        go.await();
                        return store.create(account);
                    };
                    results.add(threads.submit(create));
                }
                ready.await();
                go.countDown();
                boolean firstWon = results.get(0).get(30, TimeUnit.SECONDS);
                boolean secondWon = results.get(1).get(30, TimeUnit.SECONDS);

                assertThat(firstWon ^ secondWon).as("exactly one creation of %s wins", email).isTrue();
                Account winner = firstWon ? first : second;
                Account loser = firstWon ? second : first;
                assertThat(store.findByEmail(email)).contains(winner);
                assertThat(store.find(loser.id())).isEmpty();
                assertThat(store.findByActivation(loser.activationTokenHash())).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(mongo.getCollection(MongoAccounts.ACCOUNTS).countDocuments()).isEqualTo(25);
        assertThat(mongo.getCollection(MongoAccounts.EMAILS).countDocuments()).isEqualTo(25);
    }

    @Test
    void activating_stores_the_password_hash_and_closes_the_activation_link() {
        Account anna = invited("acc-1", ANNA, "activation-1");
        store.create(anna);

        assertThat(store.activate("acc-1", sha256("activation-1"), "{bcrypt}$2a$10$xyz", T0.plusSeconds(120)))
                .isTrue();

        Account activated = new Account("acc-1", ANNA, false, "{bcrypt}$2a$10$xyz", null, null, T0,
                T0.plusSeconds(120));
        assertThat(store.find("acc-1")).contains(activated);
        assertThat(store.findByEmail(ANNA)).contains(activated);
        assertThat(store.findByActivation(sha256("activation-1"))).isEmpty();
        assertThat(mongo.getCollection(MongoAccounts.ACTIVATIONS).countDocuments()).isZero();
    }

    @Test
    void an_activation_link_activates_once_and_another_link_not_at_all() {
        store.create(invited("acc-1", ANNA, "activation-1"));

        assertThat(store.activate("acc-1", sha256("activation-other"), "{bcrypt}$2a$10$other", T0)).isFalse();
        assertThat(store.activate("acc-1", null, "{bcrypt}$2a$10$none", T0)).isFalse();
        assertThat(store.find("acc-1").orElseThrow().isActive()).isFalse();

        assertThat(store.activate("acc-1", sha256("activation-1"), "{bcrypt}$2a$10$first", T0)).isTrue();
        assertThat(store.activate("acc-1", sha256("activation-1"), "{bcrypt}$2a$10$second", T0)).isFalse();
        assertThat(store.find("acc-1").orElseThrow().passwordHash()).isEqualTo("{bcrypt}$2a$10$first");
        assertThat(store.activate("acc-unknown", sha256("activation-1"), "{bcrypt}$2a$10$x", T0)).isFalse();
    }

    @Test
    void of_many_activations_with_one_link_at_the_same_moment_exactly_one_wins() throws Exception {
        store.create(invited("acc-1", ANNA, "activation-1"));
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Boolean>> tries = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String hash = "{bcrypt}$2a$10$try" + i;
                tries.add(threads.submit(() -> {
                    start.await();
                    return store.activate("acc-1", sha256("activation-1"), hash, T0);
                }));
            }
            start.countDown();
            int won = 0;
            for (java.util.concurrent.Future<Boolean> attempt : tries) {
                won += attempt.get(30, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(store.find("acc-1").orElseThrow().passwordHash()).startsWith("{bcrypt}$2a$10$try");
    }

    @Test
    void a_new_activation_link_replaces_the_old_one() {
        Account anna = invited("acc-1", ANNA, "activation-1");
        store.create(anna);

        assertThat(store.newActivation("acc-1", sha256("activation-2"), T0.plusSeconds(7200))).isTrue();

        Account again = anna.withActivation(sha256("activation-2"), T0.plusSeconds(7200));
        assertThat(store.findByActivation(sha256("activation-2"))).contains(again);
        assertThat(store.findByActivation(sha256("activation-1"))).isEmpty();
        assertThat(store.find("acc-1")).contains(again);
        assertThat(mongo.getCollection(MongoAccounts.ACTIVATIONS).countDocuments()).isEqualTo(1);
        assertThat(store.activate("acc-1", sha256("activation-1"), "{bcrypt}$2a$10$old", T0)).isFalse();
    }

    @Test
    void an_account_without_a_link_gets_its_first() {
        Account enrolled = new Account("acc-1", ANNA, false, null, null, null, T0, null);
        store.create(enrolled);
        assertThat(mongo.getCollection(MongoAccounts.ACTIVATIONS).countDocuments()).isZero();

        assertThat(store.newActivation("acc-1", sha256("activation-1"), T0.plusSeconds(60))).isTrue();

        assertThat(store.findByActivation(sha256("activation-1")))
                .contains(enrolled.withActivation(sha256("activation-1"), T0.plusSeconds(60)));
    }

    @Test
    void an_unknown_account_gets_no_link_and_an_active_one_a_link_that_sets_nothing_by_itself() {
        store.create(new Account("acc-1", ANNA, false, "{bcrypt}$2a$10$xyz", null, null, T0, T0));

        assertThat(store.newActivation("acc-unknown", sha256("activation-2"), T0.plusSeconds(60))).isFalse();
        assertThat(store.find("acc-unknown")).isEmpty();
        assertThat(mongo.getCollection(MongoAccounts.ACTIVATIONS).countDocuments()).isZero();

        assertThat(store.newActivation("acc-1", sha256("activation-1"), T0.plusSeconds(60))).isTrue();
        Account linked = store.find("acc-1").orElseThrow();
        assertThat(linked.activationTokenHash()).isEqualTo(sha256("activation-1"));
        assertThat(linked.passwordHash()).as("the password stays").isEqualTo("{bcrypt}$2a$10$xyz");
        assertThat(store.findByActivation(sha256("activation-1"))).contains(linked);
    }

    @Test
    void there_is_an_operator_once_an_operator_account_is_created() {
        assertThat(store.anyOperator()).isFalse();

        store.create(invited("acc-1", ANNA, "activation-1"));
        assertThat(store.anyOperator()).isFalse();

        store.create(new Account("acc-2", new EmailAddress("op@example.org"), true, null, sha256("activation-2"),
                T0.plusSeconds(60), T0, null));
        assertThat(store.anyOperator()).isTrue();
        assertThat(new MongoAccounts(mongo).anyOperator()).isTrue();
    }

    // ----- API tokens ---------------------------------------------------------------------------------

    @Test
    void an_api_token_is_found_by_its_hash() {
        ApiToken token = token("tok-1", "secret-1", "acc-1");

        store.save(token);

        assertThat(store.findByHash(sha256("secret-1"))).contains(token);
        assertThat(store.findByHash(sha256("secret-2"))).isEmpty();
        assertThat(store.findByHash("secret-1")).as("the clear token finds nothing").isEmpty();
    }

    @Test
    void an_accounts_tokens_are_listed_and_no_other_accounts() {
        ApiToken first = token("tok-1", "secret-1", "acc-1");
        ApiToken second = token("tok-2", "secret-2", "acc-1");
        ApiToken others = token("tok-3", "secret-3", "acc-2");
        store.save(first);
        store.save(others);
        store.save(second);

        assertThat(store.ofAccount("acc-1")).containsExactlyInAnyOrder(first, second);
        assertThat(store.ofAccount("acc-2")).containsExactly(others);
        assertThat(store.ofAccount("acc-3")).isEmpty();
    }

    @Test
    void revoking_updates_the_stored_token_and_lists_it_once() {
        ApiToken token = token("tok-1", "secret-1", "acc-1");
        store.save(token);

        ApiToken revoked = token.revokedAt(T0.plusSeconds(30));
        store.save(revoked);

        assertThat(store.findByHash(sha256("secret-1"))).contains(revoked);
        assertThat(store.ofAccount("acc-1")).containsExactly(revoked);
        assertThat(mongo.getCollection(MongoAccounts.TOKENS).countDocuments()).isEqualTo(1);
        Document byAccount = mongo.getCollection(MongoAccounts.TOKENS_BY_ACCOUNT)
                .find(new Document("_id", "acc-1")).first();
        assertThat(byAccount.getList("tokens", String.class)).containsExactly(sha256("secret-1"));
    }

    @Test
    void the_stored_token_holds_its_dates_as_dates() {
        store.save(token("tok-1", "secret-1", "acc-1").revokedAt(T0.plusSeconds(30)));

        BsonDocument stored = mongo.getCollection(MongoAccounts.TOKENS).withDocumentClass(BsonDocument.class)
                .find().first();

        assertThat(stored.getString("_id").getValue()).isEqualTo(sha256("secret-1"));
        assertThat(stored.getString("tokenId").getValue()).isEqualTo("tok-1");
        assertThat(stored.getString("accountId").getValue()).isEqualTo("acc-1");
        assertThat(stored.get("createdAt").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(stored.get("expiresAt").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(stored.getDateTime("revokedAt").getValue()).isEqualTo(T0.plusSeconds(30).toEpochMilli());
    }

    // ----- the operator's setup link ------------------------------------------------------------------

    @Test
    void the_operator_setup_link_is_kept_as_its_hash_made_once_and_cleared() {
        assertThat(store.tokenHash()).isEmpty();

        assertThat(store.create(sha256("setup-1"))).isTrue();
        assertThat(store.tokenHash()).contains(sha256("setup-1"));

        // another node starting at the same moment: the first link stays
        assertThat(new MongoAccounts(mongo).create(sha256("setup-2"))).isFalse();
        assertThat(store.tokenHash()).contains(sha256("setup-1"));
        assertThat(new MongoAccounts(mongo).tokenHash()).contains(sha256("setup-1"));

        store.clear();
        assertThat(store.tokenHash()).isEmpty();
        assertThat(store.create(sha256("setup-2"))).isTrue();
        assertThat(store.tokenHash()).contains(sha256("setup-2"));
    }

    @Test
    void the_setup_link_is_used_up_once_and_only_with_its_own_hash() {
        store.create(sha256("setup-1"));

        assertThat(store.consume(sha256("setup-other"))).isFalse();
        assertThat(store.consume(null)).isFalse();
        assertThat(store.tokenHash()).contains(sha256("setup-1"));

        assertThat(store.consume(sha256("setup-1"))).isTrue();
        assertThat(store.consume(sha256("setup-1"))).isFalse();
        assertThat(store.tokenHash()).isEmpty();
    }

    @Test
    void clearing_the_setup_link_leaves_the_operators_and_accounts_alone() {
        store.create(new Account("acc-1", ANNA, true, null, sha256("activation-1"), T0.plusSeconds(60), T0, null));
        store.save(token("tok-1", "secret-1", "acc-1"));
        store.create(sha256("setup-1"));

        store.clear();

        assertThat(store.tokenHash()).isEmpty();
        assertThat(store.anyOperator()).isTrue();
        assertThat(store.find("acc-1")).isPresent();
        assertThat(store.findByHash(sha256("secret-1"))).isPresent();
    }

    // ----- no secret in clear, no e-mail address out of place -------------------------------------------

    @Test
    void the_database_holds_no_clear_token_and_no_email_address_outside_the_accounts() {
        Account anna = invited("acc-1", ANNA, "activation-anna-clear");
        store.create(anna);
        store.create(invited("acc-2", new EmailAddress("bert@example.org"), "activation-bert-clear"));
        store.newActivation("acc-1", sha256("activation-anna-again-clear"), T0.plusSeconds(60));
        store.save(token("tok-1", "api-token-anna-clear", "acc-1"));
        store.save(token("tok-2", "api-token-bert-clear", "acc-2").revokedAt(T0.plusSeconds(5)));
        store.create(sha256("setup-link-clear"));
        store.create(new Account("acc-3", new EmailAddress("op@example.org"), true, "{bcrypt}$2a$10$op", null, null,
                T0, T0));

        Map<String, String> everything = everyCollectionAsJson();

        assertThat(everything).containsKeys(MongoAccounts.ACCOUNTS, MongoAccounts.EMAILS, MongoAccounts.ACTIVATIONS,
                MongoAccounts.TOKENS, MongoAccounts.TOKENS_BY_ACCOUNT, MongoAccounts.SETTINGS);
        String all = String.join("\n", everything.values());
        for (String clear : List.of("activation-anna-clear", "activation-anna-again-clear", "activation-bert-clear",
                "api-token-anna-clear", "api-token-bert-clear", "setup-link-clear")) {
            assertThat(all).doesNotContain(clear);
        }
        assertThat(everything.get(MongoAccounts.ACTIVATIONS)).contains(sha256("activation-anna-again-clear"))
                .contains(sha256("activation-bert-clear"));
        assertThat(everything.get(MongoAccounts.TOKENS)).contains(sha256("api-token-anna-clear"))
                .contains(sha256("api-token-bert-clear"));
        assertThat(everything.get(MongoAccounts.SETTINGS)).contains(sha256("setup-link-clear"));
        everything.forEach((collection, json) -> {
            if (!collection.equals(MongoAccounts.ACCOUNTS) && !collection.equals(MongoAccounts.EMAILS)) {
                assertThat(json).as(collection).doesNotContain("@example.org");
            }
        });
        assertThat(everything.get(MongoAccounts.ACCOUNTS)).contains("anna@example.org");
        assertThat(everything.get(MongoAccounts.EMAILS)).contains("bert@example.org");
    }

    private Map<String, String> everyCollectionAsJson() {
        Map<String, String> collections = new TreeMap<>();
        for (String name : mongo.getDb().listCollectionNames()) {
            StringBuilder json = new StringBuilder();
            mongo.getCollection(name).find().forEach(document -> json.append(document.toJson()).append('\n'));
            collections.put(name, json.toString());
        }
        return collections;
    }

    // ----- helpers ------------------------------------------------------------------------------------

    /** An account just invited: no password yet, an open activation link with this token. */
    private static Account invited(String id, EmailAddress email, String activationToken) {
        return new Account(id, email, false, null, sha256(activationToken), T0.plusSeconds(86_400), T0, null);
    }

    private static ApiToken token(String id, String clearToken, String accountId) {
        return new ApiToken(id, sha256(clearToken), accountId, T0, T0.plusSeconds(90L * 86_400), null);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
