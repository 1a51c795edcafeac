package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.ApiTokens;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API tokens in memory, by id. */
public final class InMemoryApiTokens implements ApiTokens {

    private final Map<String, ApiToken> tokens = new LinkedHashMap<>();

    @Override
    public void save(ApiToken token) {
        tokens.put(token.id(), token);
    }

    @Override
    public Optional<ApiToken> findByHash(String hash) {
        return tokens.values().stream().filter(token -> token.hash().equals(hash)).findFirst();
    }

    @Override
    public List<ApiToken> ofAccount(String accountId) {
        return tokens.values().stream().filter(token -> token.accountId().equals(accountId)).toList();
    }

    public Optional<ApiToken> find(String id) {
        return Optional.ofNullable(tokens.get(id));
    }

    public Collection<ApiToken> all() {
        return tokens.values();
    }
}
