package nl.klantspiegel.adapter.persistence.accounts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The accounts store in MongoDB: one object is the accounts, the API tokens and the operator's setup link. */
@Configuration(proxyBeanMethods = false)
public class AccountsConfiguration {

    @Bean
    MongoAccounts accountsStore(MongoTemplate mongoTemplate) {
        return new MongoAccounts(mongoTemplate);
    }
}
