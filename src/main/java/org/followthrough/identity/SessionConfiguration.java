package org.followthrough.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * A page fires several htmx requests at once in one session (the Needs you now list and its
 * count); two of them saving the same new session attribute must not collide on its key.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> upsertSessionAttributes() {
        return repository -> repository.setCreateSessionAttributeQuery("""
                insert into %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
                values (?, ?, ?)
                on conflict (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
                do update set ATTRIBUTE_BYTES = excluded.ATTRIBUTE_BYTES""");
    }
}
