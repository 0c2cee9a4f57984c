package app.goblina.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API reference: the OpenAPI document served at /openapi/goblina.yml covers every /v1 and /admin route the
 * router knows, each with the problems it really answers, and Swagger UI at /docs loads from this server alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiReferenceTest {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}?]+}");

    private ApiTestContext api;
    private final HttpClient http = HttpClient.newHttpClient();
    private OpenAPI document;

    @BeforeAll
    void start() throws Exception {
        api = new ApiTestContext();
        HttpResponse<String> served = send(HttpRequest.newBuilder(api.url("/openapi/goblina.yml")).GET(), null);
        assertThat(served.statusCode()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body());
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        document = parsed.getOpenAPI();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void theServedDocumentIsOpenApi3WithTheProblemSchemaAndBothSecuritySchemes() {
        assertThat(document.getOpenapi()).startsWith("3.");
        assertThat(document.getInfo().getTitle()).isEqualTo("Goblina API");
        assertThat(document.getInfo().getVersion()).isNotBlank().doesNotContain("${");
        Schema<?> problem = document.getComponents().getSchemas().get("Problem");
        assertThat(problem.getProperties()).containsOnlyKeys("type", "title", "status", "detail", "errors");
        String fieldErrorRef = problem.getProperties().get("errors").getItems().get$ref();
        Schema<?> fieldError = document.getComponents().getSchemas().get(fieldErrorRef.substring(fieldErrorRef.lastIndexOf('/') + 1));
        assertThat(fieldError.getProperties()).containsOnlyKeys("field", "reason");
        assertThat(document.getComponents().getSecuritySchemes()).containsKeys("apiKey", "adminKey");
        assertThat(document.getComponents().getSecuritySchemes().get("apiKey").getScheme()).isEqualTo("bearer");
    }

    @Test
    void everyV1AndAdminRouteIsDocumentedAndEachProblemItAnswersToAProbeIsOneItDocuments() {
        Router router = api.server.getApplicationContext().getBean(Router.class);
        // Micronaut answers HEAD for every GET by itself; the GET's documentation covers it.
        List<UriRouteInfo<?, ?>> routes = router.uriRoutes()
                .filter(r -> !r.getHttpMethodName().equals("HEAD"))
                .filter(r -> path(r).startsWith("/v1/") || path(r).startsWith("/admin/") || path(r).equals("/v1")
                        || path(r).equals("/admin"))
                .toList();
        assertThat(routes).hasSizeGreaterThan(15);
        List<String> faults = new ArrayList<>();
        for (UriRouteInfo<?, ?> route : routes) {
            String path = path(route);
            String method = route.getHttpMethodName();
            PathItem item = document.getPaths().get(path);
            Operation operation = item == null ? null
                    : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
            if (operation == null) {
                faults.add(method + " " + path + " is not in the document");
                continue;
            }
            Set<String> problems = problemStatuses(operation);
            if (problems.isEmpty()) {
                faults.add(method + " " + path + " documents no application/problem+json response with the Problem schema");
            }
            boolean admin = path.startsWith("/admin");
            String key = admin ? api.adminKey : api.keyA;
            Map<String, String> probes = new java.util.LinkedHashMap<>();
            probes.put("no credentials", send(method, fill(path, "x"), null, null, false));
            probes.put("a foreign origin", send(method, fill(path, "x"), key, "https://elsewhere.example", false));
            probes.put("a key past its requests per minute", overLimit(method, fill(path, UUID.randomUUID().toString()), admin));
            if (!method.equals("GET") && !method.equals("DELETE")) {
                probes.put("a body of the wrong media type", sendText(method, fill(path, UUID.randomUUID().toString()), key));
            }
            if (PATH_VARIABLE.matcher(path).find()) {
                probes.put("a malformed id", send(method, fill(path, "not-an-id"), key, null, true));
                probes.put("an unknown id", send(method, fill(path, UUID.randomUUID().toString()), key, null, true));
            }
            for (Map.Entry<String, String> probe : probes.entrySet()) {
                String status = probe.getValue();
                if (!status.startsWith("2") && !problems.contains(status)) {
                    faults.add(method + " " + path + " answered " + status + " to " + probe.getKey()
                            + " but documents only " + problems);
                }
            }
            if (!path.startsWith("/v1/webhooks/") && !probes.get("no credentials").equals("401")) {
                faults.add(method + " " + path + " answered " + probes.get("no credentials") + " without a key, not 401");
            }
        }
        assertThat(faults).isEmpty();
    }

    @Test
    void swaggerUiIsServedWithItsAssetsFromThisServerAndPointsAtTheDocument() {
        HttpResponse<String> entry = send(HttpRequest.newBuilder(api.url("/docs")).GET(), null);
        assertThat(entry.statusCode()).isEqualTo(303);
        assertThat(entry.headers().firstValue("Location")).hasValue("/docs/index.html");
        HttpResponse<String> page = send(HttpRequest.newBuilder(api.url("/docs/index.html")).GET(), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("'/openapi/goblina.yml'").doesNotContain("https://").doesNotContain("cdn");
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        Matcher inline = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page.body());
        assertThat(inline.find()).isTrue();
        assertThat(policy).as("the page's inline script is allowed by its hash, nothing else inline")
                .contains("script-src 'self' 'sha256-" + sha256(inline.group(1)) + "'").doesNotContain("unsafe-eval")
                .doesNotContain("script-src 'self' 'unsafe-inline'");
        assertThat(send(HttpRequest.newBuilder(api.url("/health")).GET(), null).headers()
                .firstValue("Content-Security-Policy")).as("the API keeps its own policy").hasValue("default-src 'none'; frame-ancestors 'none'");

        Matcher asset = Pattern.compile("\"(/docs/res/[^\"]+)\"").matcher(page.body());
        Map<String, String> types = Map.of("css", "text/css", "js", "application/javascript", "png", "image/png");
        Set<String> loaded = new LinkedHashSet<>();
        while (asset.find()) {
            String path = asset.group(1);
            HttpResponse<String> served = send(HttpRequest.newBuilder(api.url(path)).GET(), null);
            assertThat(served.statusCode()).as(path).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type").orElse(""))
                    .as(path).startsWith(types.get(path.substring(path.lastIndexOf('.') + 1)));
            loaded.add(path);
        }
        assertThat(loaded).contains("/docs/res/swagger-ui-bundle.js", "/docs/res/swagger-ui.css",
                "/docs/res/swagger-ui-standalone-preset.js");
    }

    /** A fresh key allowed one request per minute, used twice: the second answer's status. */
    private String overLimit(String method, String path, boolean admin) {
        if (admin) {
            return "200";
        }
        String key = api.tenantWithKey(1, 1_000, 10_000);
        send(method, path, key, null, false);
        return send(method, path, key, null, false);
    }

    private String sendText(String method, String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url(path)).header("Content-Type", "text/plain")
                .header("Authorization", "Bearer " + key).method(method, HttpRequest.BodyPublishers.ofString("not json"));
        return Integer.toString(send(request, null).statusCode());
    }

    private static String sha256(String text) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> problemStatuses(Operation operation) {
        Set<String> statuses = new LinkedHashSet<>();
        for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
            var content = response.getValue().getContent();
            if (content != null && content.get("application/problem+json") != null
                    && PROBLEM_REF.equals(content.get("application/problem+json").getSchema().get$ref())) {
                statuses.add(response.getKey());
            }
        }
        return statuses;
    }

    private static String path(UriRouteInfo<?, ?> route) {
        String template = route.getUriMatchTemplate().toString();
        int query = template.indexOf("{?");
        return query < 0 ? template : template.substring(0, query);
    }

    private static String fill(String path, String value) {
        return PATH_VARIABLE.matcher(path).replaceAll(value);
    }

    /** The status the API answers {@code method path}; JSON methods get an empty JSON object. */
    private String send(String method, String path, String key, String origin, boolean jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url(path));
        boolean hasBody = jsonBody && (method.equals("POST") || method.equals("PATCH") || method.equals("PUT"));
        request.method(method, hasBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (hasBody) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return Integer.toString(send(request, null).statusCode());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String ignored) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
