package nl.klantspiegel.adapter.persistence.accounts;

import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.application.port.out.ApiTokens;
import nl.klantspiegel.application.port.out.OperatorSetup;
import nl.klantspiegel.domain.account.EmailAddress;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The accounts store, apart from the event log: e-mail addresses, password hashes (never a password), and the
 * SHA-256 hashes of activation links, API tokens and the operator's setup link (never a token that works). Every
 * lookup is by {@code _id}:
 * <pre>
 * accounts:          { _id: accountId, email, operator, passwordHash, activationTokenHash, activationExpiresAt,
 *                      createdAt, activatedAt }
 * accountEmails:     { _id: e-mail address, accountId }         unique: one account per address
 * accountActivations:{ _id: activation token hash, accountId }
 * apiTokens:         { _id: token hash, tokenId, accountId, createdAt, expiresAt, revokedAt }
 * apiTokensByAccount:{ _id: accountId, tokens: [token hash, ...] }
 * settings:          { _id: "operatorSetup", tokenHash }, { _id: "operators", ids: [accountId, ...] }
 * </pre>
 */
final class MongoAccounts implements Accounts, ApiTokens, OperatorSetup {

    static final String ACCOUNTS = "accounts";
    static final String EMAILS = "accountEmails";
    static final String ACTIVATIONS = "accountActivations";
    static final String TOKENS = "apiTokens";
    static final String TOKENS_BY_ACCOUNT = "apiTokensByAccount";
    static final String SETTINGS = "settings";
    private static final String OPERATOR_SETUP = "operatorSetup";
    private static final String OPERATORS = "operators";

    private final MongoTemplate mongo;

    MongoAccounts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    // ----- accounts -----------------------------------------------------------------------------------

    @Override
    public Optional<Account> find(String accountId) {
        return byId(ACCOUNTS, accountId).map(MongoAccounts::account);
    }

    @Override
    public Optional<Account> findByEmail(EmailAddress email) {
        return byId(EMAILS, email.value()).flatMap(entry -> find(entry.getString("accountId")));
    }

    @Override
    public Optional<Account> findByActivation(String activationTokenHash) {
        return byId(ACTIVATIONS, activationTokenHash)
                .flatMap(entry -> find(entry.getString("accountId")))
                .filter(account -> activationTokenHash.equals(account.activationTokenHash()));
    }

    /**
     * The account is written first, under its new id, and then its address is claimed (the address is an
     * {@code _id}, so two creations of one address cannot both win; the loser's account document is removed again).
     * A crash between the two leaves an account nobody can find, never an address nobody can use. An operator is
     * listed before its account is written, and counts only once its account exists, so a crash can neither hide
     * an operator nor leave a listed one without an account.
     */
    @Override
    public boolean create(Account account) {
        if (byId(ACCOUNTS, account.id()).isPresent()) {
            throw new IllegalArgumentException("account " + account.id() + " exists already");
        }
        if (account.operator()) {
            mongo.upsert(new BasicQuery(new Document("_id", OPERATORS)),
                    new Update().addToSet("ids", account.id()), SETTINGS);
        }
        writeAccount(account);
        try {
            mongo.insert(new Document("_id", account.email().value()).append("accountId", account.id()), EMAILS);
        } catch (DuplicateKeyException taken) {
            remove(ACCOUNTS, account.id());
            return false;
        }
        if (account.activationTokenHash() != null) {
            mongo.save(new Document("_id", account.activationTokenHash()).append("accountId", account.id()),
                    ACTIVATIONS);
        }
        return true;
    }

    /**
     * The new link is indexed first, then set on the account only if it has not been activated (one atomic update),
     * then the old link's index entry goes. A crash in between leaves an index entry that points at an account whose
     * link is another, which {@link #findByActivation} ignores.
     */
    @Override
    public boolean newActivation(String accountId, String activationTokenHash, Instant expiresAt) {
        Optional<Account> before = find(accountId);
        if (before.isEmpty()) {
            return false;
        }
        mongo.save(new Document("_id", activationTokenHash).append("accountId", accountId), ACTIVATIONS);
        long changed = mongo.updateFirst(
                new BasicQuery(new Document("_id", accountId)),
                new Update().set("activationTokenHash", activationTokenHash)
                        .set("activationExpiresAt", date(expiresAt)),
                ACCOUNTS).getMatchedCount();
        if (changed == 0) {
            remove(ACTIVATIONS, activationTokenHash);
            return false;
        }
        String previous = before.get().activationTokenHash();
        if (previous != null && !previous.equals(activationTokenHash)) {
            remove(ACTIVATIONS, previous); // a replaced link opens nothing any more
        }
        return true;
    }

    /** Compare-and-set on the account's open link: of two activations with one link, one changes the account. */
    @Override
    public boolean activate(String accountId, String activationTokenHash, String passwordHash, Instant at) {
        if (activationTokenHash == null) {
            return false;
        }
        long changed = mongo.updateFirst(
                new BasicQuery(new Document("_id", accountId).append("activationTokenHash", activationTokenHash)),
                new Update().set("passwordHash", passwordHash)
                        .set("activatedAt", date(at))
                        .set("activationTokenHash", null)
                        .set("activationExpiresAt", null),
                ACCOUNTS).getMatchedCount();
        if (changed == 0) {
            return false;
        }
        remove(ACTIVATIONS, activationTokenHash); // a used link opens nothing any more
        return true;
    }

    private void writeAccount(Account account) {
        mongo.save(new Document("_id", account.id())
                .append("email", account.email().value())
                .append("operator", account.operator())
                .append("passwordHash", account.passwordHash())
                .append("activationTokenHash", account.activationTokenHash())
                .append("activationExpiresAt", date(account.activationExpiresAt()))
                .append("createdAt", date(account.createdAt()))
                .append("activatedAt", date(account.activatedAt())), ACCOUNTS);
    }

    @Override
    public boolean anyOperator() {
        return byId(SETTINGS, OPERATORS)
                .map(document -> document.getList("ids", String.class))
                .orElse(List.of())
                .stream()
                .anyMatch(id -> byId(ACCOUNTS, id).isPresent());
    }

    private static Account account(Document document) {
        return new Account(document.getString("_id"), new EmailAddress(document.getString("email")),
                document.getBoolean("operator", false), document.getString("passwordHash"),
                document.getString("activationTokenHash"), instant(document.getDate("activationExpiresAt")),
                instant(document.getDate("createdAt")), instant(document.getDate("activatedAt")));
    }

    // ----- API tokens ---------------------------------------------------------------------------------

    @Override
    public void save(ApiToken token) {
        mongo.save(new Document("_id", token.hash())
                .append("tokenId", token.id())
                .append("accountId", token.accountId())
                .append("createdAt", date(token.createdAt()))
                .append("expiresAt", date(token.expiresAt()))
                .append("revokedAt", date(token.revokedAt())), TOKENS);
        // one atomic change: two tokens made at the same moment are both listed
        mongo.upsert(new BasicQuery(new Document("_id", token.accountId())),
                new Update().addToSet("tokens", token.hash()), TOKENS_BY_ACCOUNT);
    }

    @Override
    public Optional<ApiToken> findByHash(String hash) {
        return byId(TOKENS, hash).map(MongoAccounts::token);
    }

    @Override
    public List<ApiToken> ofAccount(String accountId) {
        List<String> hashes = tokenHashesOf(accountId);
        if (hashes.isEmpty()) {
            return List.of();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(hashes)), Document.class, TOKENS).stream()
                .map(MongoAccounts::token)
                .toList();
    }

    private List<String> tokenHashesOf(String accountId) {
        return byId(TOKENS_BY_ACCOUNT, accountId).map(document -> document.getList("tokens", String.class))
                .orElse(List.of());
    }

    private static ApiToken token(Document document) {
        return new ApiToken(document.getString("tokenId"), document.getString("_id"), document.getString("accountId"),
                instant(document.getDate("createdAt")), instant(document.getDate("expiresAt")),
                instant(document.getDate("revokedAt")));
    }

    // ----- the operator's setup link ------------------------------------------------------------------

    @Override
    public Optional<String> tokenHash() {
        return byId(SETTINGS, OPERATOR_SETUP).map(document -> document.getString("tokenHash"));
    }

    /** An insert under a fixed {@code _id}: of several nodes starting at the same moment, one makes the link. */
    @Override
    public boolean create(String tokenHash) {
        try {
            mongo.insert(new Document("_id", OPERATOR_SETUP).append("tokenHash", tokenHash), SETTINGS);
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    @Override
    public boolean consume(String tokenHash) {
        return tokenHash != null && mongo.remove(new BasicQuery(new Document("_id", OPERATOR_SETUP)
                .append("tokenHash", tokenHash)), SETTINGS).getDeletedCount() == 1;
    }

    @Override
    public void clear() {
        remove(SETTINGS, OPERATOR_SETUP);
    }

    // ----- helpers ------------------------------------------------------------------------------------

    private Optional<Document> byId(String collection, String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(mongo.findById(id, Document.class, collection));
    }

    private void remove(String collection, String id) {
        mongo.remove(new BasicQuery(new Document("_id", id)), collection);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
