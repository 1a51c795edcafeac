package nl.klantspiegel.adapter.web.security;

import nl.klantspiegel.application.port.in.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A signed-in account, as Spring Security carries it: the {@link Caller} is the principal. Organisation roles are
 * not authorities here: they differ per organisation and are decided by the domain on every request.
 *
 * <p>Kept in a browser's session, which lives in the database every node shares: it is Java-serialised there, so it
 * holds only serialisable values, and its {@code serialVersionUID} changes only with an incompatible change (a node
 * that cannot read a session treats that browser as signed out).
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final Caller caller;
    private final String via;

    /** @param via how the caller was authenticated: "session", "token" or "password" */
    public CallerAuthentication(Caller caller, String via) {
        super(caller.operator() ? AuthorityUtils.createAuthorityList("ROLE_OPERATOR")
                : AuthorityUtils.createAuthorityList("ROLE_ACCOUNT"));
        this.caller = caller;
        this.via = via;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    public String via() {
        return via;
    }
}
