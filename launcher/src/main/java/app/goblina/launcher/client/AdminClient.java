package app.goblina.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The API's admin surface ({@code /admin/...}) with the admin key: tenants, keys and the audit trail. {@code
 * operator} names the person at the keyboard in the audit trail.
 */
public final class AdminClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String adminKey;
    private final String operator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    public AdminClient(URI base, String adminKey, String operator) {
        this.base = base;
        this.adminKey = adminKey;
        this.operator = operator;
    }

    public JsonNode createTenant(Map<String, Object> body) throws IOException, InterruptedException {
        return send("POST", "/admin/tenants", body);
    }

    public JsonNode changeTenant(String tenant, Map<String, Object> body) throws IOException, InterruptedException {
        return send("PATCH", "/admin/tenants/" + segment(tenant), body);
    }

    public JsonNode tenants() throws IOException, InterruptedException {
        return send("GET", "/admin/tenants", null);
    }

    public JsonNode tenant(String tenant) throws IOException, InterruptedException {
        return send("GET", "/admin/tenants/" + segment(tenant), null);
    }

    public JsonNode issueKey(String tenant, Map<String, Object> body) throws IOException, InterruptedException {
        return send("POST", "/admin/tenants/" + segment(tenant) + "/keys", body);
    }

    public JsonNode keys(String tenant) throws IOException, InterruptedException {
        return send("GET", "/admin/tenants/" + segment(tenant) + "/keys", null);
    }

    public JsonNode revokeKey(String key) throws IOException, InterruptedException {
        return send("DELETE", "/admin/keys/" + segment(key), null);
    }

    public JsonNode audit(String tenant, int size) throws IOException, InterruptedException {
        String query = "?size=" + size + (tenant == null ? "" : "&tenant=" + URLEncoder.encode(tenant, StandardCharsets.UTF_8));
        return send("GET", "/admin/audit" + query, null);
    }

    private JsonNode send(String method, String path, Map<String, Object> body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + adminKey);
        if (!operator.isBlank()) {
            request.header("X-Goblina-Operator", operator);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IOException("Goblina's API is not answering at " + base + "; start it with ./goblina up "
                    + "(or set GOBLINA_API_URL)", e);
        }
        if (response.statusCode() >= 400) {
            throw ApiException.from(method + " " + path, response.statusCode(), response.body(), json);
        }
        return json.readTree(response.body());
    }

    /** A tenant name may hold spaces: it goes into the path percent-encoded. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
