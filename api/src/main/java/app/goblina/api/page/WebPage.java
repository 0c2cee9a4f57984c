package app.goblina.api.page;

import java.util.Set;

/**
 * The creator's web page the API serves at {@code /} (static files under {@code classpath:public}): the only
 * paths that answer a document a browser renders, and the content security policy they get. Everything else the
 * API answers is data and keeps the policy that allows nothing. The page is public: it holds no data, and calls
 * {@code /v1} with the key the creator pastes into it.
 */
public final class WebPage {

    /** The page and its assets. */
    public static final Set<String> PATHS = Set.of("/", "/index.html", "/app.js", "/app.css", "/favicon.svg");

    /**
     * Scripts and styles from the page's own files only (nothing inline, nothing from elsewhere), calls to this
     * API only, media from the object URLs the page makes of what it downloaded with the key.
     */
    public static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
            + "media-src blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private WebPage() {
    }

    public static boolean isPage(String path) {
        return PATHS.contains(path);
    }
}
