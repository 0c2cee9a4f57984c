package app.goblina.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin surface against a real API on a real PostgreSQL: tenants and keys made, used, changed and revoked by
 * REST with the admin key, each change in the audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantAdminApiTest {

    private ApiTestContext api;
    private ApiClient admin;

    @BeforeAll
    void start() throws IOException {
        api = new ApiTestContext();
        admin = new ApiClient(api, api.adminKey, Map.of("X-Goblina-Operator", "ops@goblina"));
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void aTenantAndKeyMadeByTheAdminWorkAtOnceAndTheKeyIsShownOnlyOnce() {
        HttpResponse<String> created = admin.post("/admin/tenants", Map.of("name", "Acme Shorts", "dailyBudgetCents", 2500));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode tenant = admin.json(created);
        assertThat(tenant.get("name").asText()).isEqualTo("Acme Shorts");
        assertThat(tenant.get("dailyBudgetCents").asLong()).isEqualTo(2500);
        assertThat(tenant.get("requestsPerMinutePerKey").asInt()).isEqualTo(120);

        HttpResponse<String> issued = admin.post("/admin/tenants/acme shorts/keys".replace(" ", "%20"), Map.of("name", "n8n flow"));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String key = admin.json(issued).get("key").asText();
        JsonNode shown = admin.json(issued).get("apiKey");
        assertThat(key).startsWith("gob_live_").hasSize(52);
        assertThat(shown.get("prefix").asText()).isEqualTo(key.substring(0, 15));
        assertThat(shown.get("state").asText()).isEqualTo("live");

        HttpResponse<String> projects = new ApiClient(api, key).get("/v1/projects");
        assertThat(projects.statusCode()).as(projects.body()).isEqualTo(200);
        assertThat(new ApiClient(api, key).json(projects).get("items")).isEmpty();

        HttpResponse<String> listed = admin.get("/admin/tenants/" + tenant.get("id").asText() + "/keys");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(key).contains(key.substring(0, 15)).doesNotContain("keyHash");
        assertThat(admin.json(listed).get(0).get("lastUsedAt").isNull()).as(listed.body()).isFalse();
        assertThat(storedHashes()).doesNotContain(key);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceByEveryReplica() throws Exception {
        String tenantId = admin.json(admin.post("/admin/tenants", Map.of("name", "Revocation Co"))).get("id").asText();
        JsonNode issued = admin.json(admin.post("/admin/tenants/" + tenantId + "/keys", Map.of()));
        String key = issued.get("key").asText();
        try (EmbeddedServer replica = api.startReplica()) {
            assertThat(get(api.server, key).statusCode()).isEqualTo(200);
            assertThat(get(replica, key).statusCode()).isEqualTo(200);

            HttpResponse<String> revoked = admin.delete("/admin/keys/" + issued.get("apiKey").get("prefix").asText());
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
            assertThat(admin.json(revoked).get("state").asText()).isEqualTo("revoked");

            for (EmbeddedServer server : new EmbeddedServer[] {api.server, replica}) {
                HttpResponse<String> refused = get(server, key);
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(refused.body()).contains("this API key was revoked");
            }
        }
        assertThat(auditActions(tenantId)).containsExactly("tenant.created", "key.issued", "key.revoked");
    }

    @Test
    void budgetsAndLimitsChangeAndTheAuditTrailSaysWhoChangedWhatAndWhen() {
        String tenantId = admin.json(admin.post("/admin/tenants", Map.of("name", "Limits Ltd"))).get("id").asText();
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("dailyBudgetCents", 50);
        change.put("uploadsPerDayMax", 3);
        HttpResponse<String> changed = admin.patch("/admin/tenants/Limits%20Ltd", change);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(admin.json(changed).get("dailyBudgetCents").asLong()).isEqualTo(50);
        assertThat(admin.json(changed).get("uploadsPerDayMax").asInt()).isEqualTo(3);
        assertThat(admin.json(changed).get("projectsInFlightMax").asInt()).isEqualTo(10);

        HttpResponse<String> trail = admin.get("/admin/audit?tenant=" + tenantId);
        assertThat(trail.statusCode()).isEqualTo(200);
        JsonNode newest = admin.json(trail).get(0);
        assertThat(newest.get("action").asText()).isEqualTo("tenant.changed");
        assertThat(newest.get("actor").asText()).isEqualTo("admin-key (operator ops@goblina)");
        assertThat(newest.get("at").asText()).isNotBlank();
        assertThat(newest.get("detail").get("dailyBudgetCents").get("from").asLong()).isEqualTo(1000);
        assertThat(newest.get("detail").get("dailyBudgetCents").get("to").asLong()).isEqualTo(50);
        assertThat(newest.get("detail").has("projectsInFlightMax")).isFalse();
    }

    @Test
    void aKeyPastItsExpiryIsRefusedAndNamedExpired() throws SQLException {
        admin.post("/admin/tenants", Map.of("name", "Expiry GmbH"));
        JsonNode issued = admin.json(admin.post("/admin/tenants/Expiry%20GmbH/keys", Map.of("expiresInDays", 30)));
        String key = issued.get("key").asText();
        assertThat(new ApiClient(api, key).get("/v1/projects").statusCode()).isEqualTo(200);
        execute("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = '" + issued.get("apiKey").get("id").asText() + "'");

        HttpResponse<String> refused = new ApiClient(api, key).get("/v1/projects");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("this API key expired at");
        assertThat(admin.json(admin.get("/admin/keys/" + issued.get("apiKey").get("id").asText())).get("state").asText())
                .isEqualTo("expired");
    }

    @Test
    void theAdminSurfaceAnswersOnlyToTheAdminKey() {
        for (String key : new String[] {api.keyA, "not-the-admin-key", api.adminKey + "x"}) {
            HttpResponse<String> refused = new ApiClient(api, key).post("/admin/tenants", Map.of("name", "Intruder"));
            assertThat(refused.statusCode()).as(key).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(admin.get("/admin/tenants/Intruder").statusCode()).isEqualTo(404);
    }

    @Test
    void badAdminInputIsRefusedByFieldAndChangesNothing() {
        admin.post("/admin/tenants", Map.of("name", "Taken"));
        long events = auditCount();

        assertRefused(admin.post("/admin/tenants", Map.of("name", "TAKEN")), 409, "name", "exists already");
        assertRefused(admin.post("/admin/tenants", Map.of("name", "nul\u0000name")), 400, "name", "must not contain");
        assertRefused(admin.post("/admin/tenants", Map.of("name", "ok", "requestsPerMinutePerKey", 0)), 400,
                "requestsPerMinutePerKey", "must be 1–100000");
        assertRefused(admin.patch("/admin/tenants/Taken", Map.of("dailyBudgetCents", -1)), 400, "dailyBudgetCents", "must be");
        assertRefused(admin.post("/admin/tenants/Taken/keys", Map.of("expiresAt", "2001-01-01T00:00:00Z")), 400,
                "expiresAt", "must be in the future");
        assertRefused(admin.post("/admin/tenants/Taken/keys", Map.of("expiresAt", "soon")), 400, "expiresAt", "ISO-8601");
        assertRefused(admin.post("/admin/tenants/nobody/keys", Map.of()), 404, "tenant", "no tenant");
        assertRefused(admin.delete("/admin/keys/gob_live_zzzzzz"), 404, "key", "no key");
        assertRefused(admin.get("/admin/audit?size=501"), 400, "size", "1–500");

        assertThat(auditCount()).isEqualTo(events);
        assertThat(admin.json(admin.get("/admin/tenants")).findValuesAsText("name")).doesNotContain("ok");
    }

    @Test
    void anApiWithoutAnAdminKeyKeepsTheAdminSurfaceOff() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        var database = TestPostgres.newDatabase();
        properties.put("micronaut.server.port", -1);
        properties.put("datasources.default.url", database.jdbcUrl());
        properties.put("datasources.default.username", database.username());
        properties.put("datasources.default.password", database.password());
        properties.put("goblina.storage.kind", "local");
        properties.put("goblina.storage.local-root", api.blobRoot.toString());
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            HttpResponse<String> off = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.getPort() + "/admin/tenants"))
                    .header("Authorization", "Bearer anything-at-all-of-some-length").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(off.statusCode()).isEqualTo(403);
            assertThat(off.body()).contains("GOBLINA_ADMIN_API_KEY");
        }
    }

    private void assertRefused(HttpResponse<String> response, int status, String field, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode error = admin.json(response).get("errors").get(0);
        assertThat(error.get("field").asText()).as(response.body()).isEqualTo(field);
        assertThat(error.get("reason").asText()).as(response.body()).contains(reason);
    }

    private static HttpResponse<String> get(EmbeddedServer server, String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort()
                + "/v1/projects")).header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private java.util.List<String> auditActions(String tenantId) throws SQLException {
        java.util.List<String> actions = new java.util.ArrayList<>();
        try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery(
                "SELECT action FROM audit_events WHERE tenant_id = '" + tenantId + "' ORDER BY id")) {
            while (rows.next()) {
                actions.add(rows.getString(1));
            }
        }
        return actions;
    }

    private long auditCount() {
        try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM audit_events")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String storedHashes() {
        StringBuilder all = new StringBuilder();
        try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery(
                "SELECT key_hash || ' ' || prefix || ' ' || label FROM api_keys")) {
            while (rows.next()) {
                all.append(rows.getString(1)).append('\n');
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all.toString();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect()) {
            connection.createStatement().executeUpdate(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(api.database.jdbcUrl(), api.database.username(), api.database.password());
    }
}
