package nl.klantspiegel.adapter.web;

import nl.klantspiegel.adapter.web.settings.WebSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The links people hand to each other: activation, the operator's setup, a round's invitation. Made from
 * {@code klantspiegel.public-url} when it is set (behind a reverse proxy, the address people use), else from the
 * request's own address.
 */
@Component
public class PublicLinks {

    private final String publicUrl;

    PublicLinks(WebSettings settings) {
        this.publicUrl = settings.publicUrl();
    }

    public String base() {
        return publicUrl.isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : publicUrl;
    }

    /** The token travels in the fragment, which browsers never send to a server or pass on as a referrer. */
    public String activation(String token) {
        return base() + "/beheer/#/activeren/" + token;
    }

    public String operatorSetup(String base, String token) {
        return base + "/beheer/#/installatie/" + token;
    }

    public String invitation(String token) {
        return base() + "/?invitation=" + token;
    }

    /** The invitation with a team chosen in advance (a team lead's link for their people; they may still change it). */
    public String invitation(String token, String teamId) {
        return teamId == null ? invitation(token)
                : invitation(token) + "&team=" + java.net.URLEncoder.encode(teamId, java.nio.charset.StandardCharsets.UTF_8);
    }

    public String configuredBase() {
        return publicUrl;
    }
}
