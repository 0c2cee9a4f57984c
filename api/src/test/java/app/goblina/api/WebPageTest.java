package app.goblina.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The creator's web page at {@code /}: public, with a policy that lets only its own files run, while {@code /v1}
 * keeps needing a key and keeps the policy that allows nothing. Its behaviour in a browser is the launcher's
 * {@code WebPageEndToEndTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageTest {

    private ApiTestContext api;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        api = new ApiTestContext();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void thePageAndItsAssetsAreServedWithoutAKeyUnderAPolicyForTheirOwnFilesOnly() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"/app.js\" defer></script>").doesNotContain("<script>", "style=");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "style-src 'self'", "connect-src 'self'", "media-src blob:",
                "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "*");

        HttpResponse<String> script = get("/app.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).get().asString().contains("javascript");
        assertThat(script.body()).contains("sessionStorage").doesNotContain("localStorage");
        assertThat(get("/app.css").headers().firstValue("Content-Type")).get().asString().startsWith("text/css");
    }

    @Test
    void theApiBesideThePageStillNeedsAKeyAndAllowsNothingToLoad() throws Exception {
        HttpResponse<String> projects = get("/v1/projects");
        assertThat(projects.statusCode()).isEqualTo(401);
        assertThat(projects.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; frame-ancestors 'none'");
        HttpResponse<String> missing = get("/not-a-page.html");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; frame-ancestors 'none'");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(api.url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
