package app.goblina.api.page;

import java.util.Set;

/**
 * The creator's web page the API serves at {@code /} (static files under {@code classpath:public}): the only
 * paths that answer a document a browser renders, and the content security policy they get. Everything else the
 * API answers is data and keeps the policy that allows nothing; the page's own is {@link WebPagePolicy}. The page is public: it holds no data, and calls
 * {@code /v1} with the key the creator pastes into it.
 */
public final class WebPage {

    /** The page and its assets. */
    public static final Set<String> PATHS = Set.of("/", "/index.html", "/app.js", "/app.css", "/favicon.svg");

    private WebPage() {
    }

    public static boolean isPage(String path) {
        return PATHS.contains(path);
    }
}
