package nl.klantspiegel.adapter.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The organisations' web client lives at {@code /beheer/} (its own index page; routes after the {@code #}, so that
 * activation and setup tokens in a link never reach a server log or a referrer).
 */
@Configuration(proxyBeanMethods = false)
class WebClientPages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/beheer", "/beheer/");
        registry.addViewController("/beheer/").setViewName("forward:/beheer/index.html");
    }
}
