package nl.klantspiegel.adapter.web.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;

/**
 * Browser sessions through Spring Session instead of the servlet container's memory: the session a browser signed in
 * with lives in the database every node shares (the persistence adapter provides the repository), so any node behind
 * a load balancer knows it, and signing out on any node ends it on all. The cookie is still
 * {@code KLANTSPIEGEL_SESSION} ({@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} over HTTPS), from
 * {@code server.servlet.session.*}; a session lasts {@code server.servlet.session.timeout} unused. What the session
 * holds (the {@link CallerAuthentication}) must stay serialisable. The CSRF token is not in the session at all: it is
 * the {@code XSRF-TOKEN} cookie, checked against the header, on whichever node.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
public class SessionsConfiguration {
}
