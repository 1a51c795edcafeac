package nl.klantspiegel.adapter.web;

/** Marks the web adapter's package, for component scanning. */
public final class WebAdapter {
    private WebAdapter() {
    }
}
