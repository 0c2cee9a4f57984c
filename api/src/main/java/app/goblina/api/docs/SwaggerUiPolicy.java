package app.goblina.api.docs;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content security policy of the Swagger UI page at {@code /docs}, looser than the API's {@code default-src
 * 'none'} ({@code app.goblina.api.guards.SecurityHeaders}) on these paths only: scripts, styles, images and the
 * document from this server alone, the page's own inline script allowed by its SHA-256 (read from the page when the
 * API starts) rather than by {@code 'unsafe-inline'}, and inline styles, which Swagger UI sets on its elements.
 */
@ServerFilter(ApiReference.UI_PATH + "/**")
public class SwaggerUiPolicy implements Ordered {

    static final String PAGE = "classpath:META-INF/swagger/views/swagger-ui/index.html";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    private final String policy;

    public SwaggerUiPolicy(ResourceResolver resources) {
        List<String> hashes = new ArrayList<>();
        try (InputStream page = resources.getResourceAsStream(PAGE)
                .orElseThrow(() -> new IllegalStateException("Swagger UI page missing: " + PAGE))) {
            Matcher script = INLINE_SCRIPT.matcher(new String(page.readAllBytes(), StandardCharsets.UTF_8));
            while (script.find()) {
                hashes.add("'sha256-" + sha256(script.group(1)) + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.policy = "default-src 'none'; script-src 'self' " + String.join(" ", hashes)
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:"
                + "; frame-ancestors 'none'";
    }

    /** Runs inside {@code SecurityHeaders}, which keeps a policy already set. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.RENDERING.order();
    }

    @ResponseFilter
    public void allowSwaggerUi(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", policy);
    }

    /** The policy the page is served with. */
    public String policy() {
        return policy;
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
