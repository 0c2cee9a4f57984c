package app.goblina.api.page;

import app.goblina.storage.BlobStore;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The content security policy of the web page ({@link WebPage}). Scripts and styles come from the page's own files
 * only (nothing inline, nothing from elsewhere) and calls go to this API only. Media come from the object URLs the
 * page makes of what it downloaded with the key and, when the store hands out presigned links (S3, R2), from the
 * store's own origin: the page plays a short or a clip straight from a presigned link, as a {@code <video>} source,
 * which needs no CORS rule on the bucket. That origin is the one a presigned link names, found by signing a link
 * once at start (signing is local: nothing is sent to the store).
 */
@Singleton
public class WebPagePolicy {

    private final String policy;

    public WebPagePolicy(BlobStore blobs) {
        this.policy = policyFor(blobs.presignedGet("page-policy-probe", Duration.ofMinutes(1)).map(WebPagePolicy::origin));
    }

    /** The policy the page and its assets are served under. */
    public String policy() {
        return policy;
    }

    static String policyFor(Optional<String> storeOrigin) {
        String media = "blob:" + storeOrigin.map(origin -> " " + origin).orElse("");
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; media-src " + media
                + "; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static String origin(URI link) {
        return link.getScheme() + "://" + link.getRawAuthority();
    }
}
