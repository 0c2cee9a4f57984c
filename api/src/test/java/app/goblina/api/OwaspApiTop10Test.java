package app.goblina.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.http.MultipartForm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile requests against the real API (real PostgreSQL, real blob folder, two real tenants), each filed under
 * its OWASP API Security Top 10 (2023) category. Every one must be refused with its status, an
 * {@code application/problem+json} body naming the field and the reason, the security headers, and no trace:
 * rows, JobRunr jobs and blobs are counted before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwaspApiTop10Test {

    private static final String BOLA = "API1:2023 Broken Object Level Authorization";
    private static final String AUTH = "API2:2023 Broken Authentication";
    private static final String PROPERTY = "API3:2023 Broken Object Property Level Authorization";
    private static final String RESOURCES = "API4:2023 Unrestricted Resource Consumption";
    private static final String FUNCTION = "API5:2023 Broken Function Level Authorization";
    private static final String FLOWS = "API6:2023 Unrestricted Access to Sensitive Business Flows";
    private static final String SSRF = "API7:2023 Server Side Request Forgery";
    private static final String MISCONFIGURATION = "API8:2023 Security Misconfiguration";
    private static final String INVENTORY = "API9:2023 Improper Inventory Management";
    private static final String UNSAFE = "API10:2023 Unsafe Consumption of APIs";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ApiTestContext api;
    private String characterA;
    private String projectA;
    private String characterB;
    private String revokedKeyA;
    private String expiredKeyA;
    /** A tenant at its limits: one project in flight of one, one upload today of one. */
    private String fullKey;
    /** A tenant allowed one request a minute per key. */
    private String slowKey;
    private String fullCharacterId;

    @BeforeAll
    void start() throws Exception {
        api = new ApiTestContext();
        HttpResponse<String> character = upload(api.keyA, "Ms. Goblina", "goblina.png", "image/png", TestImages.png(64, 96));
        assertThat(character.statusCode()).as(character.body()).isEqualTo(202);
        characterA = json.readTree(character.body()).get("id").asText();
        HttpResponse<String> project = postJson(api.keyA, "/v1/projects", body(Map.of()));
        assertThat(project.statusCode()).as(project.body()).isEqualTo(202);
        projectA = json.readTree(project.body()).get("id").asText();
        revokedKeyA = api.revokedKey(api.tenantA);
        expiredKeyA = api.expiredKey(api.tenantA);
        HttpResponse<String> other = upload(api.keyB, "Mr. Goblin", "goblin.png", "image/png", TestImages.png(48, 64));
        characterB = json.readTree(other.body()).get("id").asText();
        api.setDailyBudget(api.tenantB, 100);
        fullKey = api.tenantWithKey(1_000, 1, 1);
        HttpResponse<String> fullCharacter = upload(fullKey, "Goblina", "g.png", "image/png", TestImages.png(16, 16));
        fullCharacterId = json.readTree(fullCharacter.body()).get("id").asText();
        HttpResponse<String> inFlight = postJson(fullKey, "/v1/projects", body(Map.of("characterId", fullCharacterId)));
        assertThat(inFlight.statusCode()).as(inFlight.body()).isEqualTo(202);
        slowKey = api.tenantWithKey(1, 10, 200);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    /** One hostile request and what the API must answer. */
    private record Hostile(String category, String name, Call call, int status, String field, String reason) {
    }

    /** Sends the request; answers an {@link Answer} or the client's {@link HttpResponse}. */
    private interface Call {
        Object send() throws Exception;
    }

    /** What came back: status, content type, body and the headers the suite checks. */
    private record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestIsRefusedWithItsReasonAndLeavesNoTrace() {
        List<Hostile> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.category().substring(0, 9) + " " + c.name(), () -> expect(c)));
    }

    private List<Hostile> cases() {
        List<Hostile> cases = new ArrayList<>();
        String foreignId = UUID.randomUUID().toString();

        // API1: every endpoint that takes an id, called by tenant B with tenant A's ids
        cases.add(new Hostile(BOLA, "another tenant's character", () -> get(api.keyB, "/v1/characters/" + characterA), 404, "id", "no character"));
        cases.add(new Hostile(BOLA, "another tenant's project", () -> get(api.keyB, "/v1/projects/" + projectA), 404, "id", "no project"));
        cases.add(new Hostile(BOLA, "another tenant's video", () -> get(api.keyB, "/v1/projects/" + projectA + "/video"), 404, "id", "no project"));
        cases.add(new Hostile(BOLA, "another tenant's thumbnail", () -> get(api.keyB, "/v1/projects/" + projectA + "/thumbnail"), 404, "id", "no project"));
        cases.add(new Hostile(BOLA, "cancelling another tenant's project", () -> post(api.keyB, "/v1/projects/" + projectA + "/cancel"), 404, "id", "no project"));
        cases.add(new Hostile(BOLA, "a project on another tenant's character",
                () -> postJson(api.keyB, "/v1/projects", body(Map.of())), 404, "characterId", "no character"));
        cases.add(new Hostile(BOLA, "an id nobody has", () -> get(api.keyA, "/v1/projects/" + foreignId), 404, "id", "no project"));

        // API2: keys that must not open anything
        cases.add(new Hostile(AUTH, "no Authorization header", () -> get(null, "/v1/projects"), 401, "Authorization", "missing"));
        cases.add(new Hostile(AUTH, "a blank bearer", () -> withAuthorization("Bearer ", "/v1/projects"), 401, "Authorization", "missing"));
        cases.add(new Hostile(AUTH, "a bearer of spaces", () -> withAuthorization("Bearer      ", "/v1/projects"), 401, "Authorization", ""));
        cases.add(new Hostile(AUTH, "the Basic scheme", () -> withAuthorization("Basic Z29ibGluYTpodW50ZXIy", "/v1/projects"), 401, "Authorization", "missing"));
        cases.add(new Hostile(AUTH, "a malformed key", () -> get("gob_test_%%%not-base64%%%", "/v1/projects"), 401, "Authorization", "not a valid API key"));
        cases.add(new Hostile(AUTH, "a revoked key", () -> get(revokedKeyA, "/v1/projects"), 401, "Authorization", "this API key was revoked"));
        cases.add(new Hostile(AUTH, "an expired key", () -> get(expiredKeyA, "/v1/projects"), 401, "Authorization", "this API key expired at"));
        cases.add(new Hostile(AUTH, "a 4000-character key", () -> get("gob_live_" + "A".repeat(4000), "/v1/projects"), 401, "Authorization", "not a valid API key"));
        cases.add(new Hostile(AUTH, "a key's hash sent as the key", () -> get(app.goblina.tenants.ApiKeys.hash(api.keyA), "/v1/projects"), 401, "Authorization", "not a valid API key"));
        cases.add(new Hostile(AUTH, "two bearers in one header", () -> withAuthorization("Bearer " + api.keyA + ", Bearer " + api.keyB, "/v1/projects"), 401, "Authorization", "not a valid API key"));
        cases.add(new Hostile(AUTH, "the key in the query string", () -> get(null, "/v1/projects?api_key=" + api.keyA), 401, "Authorization", "missing"));
        cases.add(new Hostile(AUTH, "an upload without a key", () -> upload(null, "Goblina", "g.png", "image/png", TestImages.png(16, 16)), 401, "Authorization", "missing"));

        // API3: properties a client may not set
        for (Map.Entry<String, Object> owned : Map.<String, Object>of("tenantId", api.tenantB.toString(), "status", "DONE",
                "estimateCents", 0, "costCents", 0, "id", foreignId, "createdAt", "2020-01-01T00:00:00Z",
                "dailyBudgetCents", 1_000_000).entrySet()) {
            cases.add(new Hostile(PROPERTY, "a body setting " + owned.getKey(),
                    () -> postJson(api.keyA, "/v1/projects", body(Map.of(owned.getKey(), owned.getValue()))), 400, owned.getKey(), "unknown field"));
        }
        cases.add(new Hostile(PROPERTY, "a nested price", () -> postJson(api.keyA, "/v1/projects",
                body(Map.of("video", Map.of("provider", "local", "costCents", 0)))), 400, "video.costCents", "unknown field"));

        // API4: every cap holds before the work is done
        cases.add(new Hostile(RESOURCES, "a JSON body over 64 KiB", () -> postJson(api.keyA, "/v1/projects",
                body(Map.of("topic", "x".repeat(70_000)))), 413, "body", "at most 65536 bytes"));
        cases.add(new Hostile(RESOURCES, "a chunked JSON body", () -> chunkedJson("/v1/projects", body(Map.of())), 411, "Content-Length", "chunked"));
        cases.add(new Hostile(RESOURCES, "a string past the parser's limit", () -> postJson(api.keyA, "/v1/projects",
                body(Map.of("topic", "x".repeat(20_000)))), 400, "topic", "string that is too long"));
        cases.add(new Hostile(RESOURCES, "a 200-digit number", () -> postRaw(api.keyA, "/v1/projects", "application/json",
                "{\"scenarioCount\": " + "9".repeat(200) + "}"), 400, "body", "too many digits"));
        cases.add(new Hostile(RESOURCES, "arrays nested 500 deep", () -> postRaw(api.keyA, "/v1/projects", "application/json",
                "{\"characterId\": " + "[".repeat(500) + "]".repeat(500) + "}"), 400, "", ""));
        cases.add(new Hostile(RESOURCES, "a page size of 10000", () -> get(api.keyA, "/v1/projects?size=10000"), 400, "size", "from 1 to 100"));
        cases.add(new Hostile(RESOURCES, "a negative page", () -> get(api.keyA, "/v1/projects?page=-1"), 400, "page", ""));
        cases.add(new Hostile(RESOURCES, "an upload over the byte cap", () -> upload(api.keyA, "Goblina", "big.png", "image/png",
                padded(TestImages.png(8, 8), (int) ApiTestContext.MAX_UPLOAD_BYTES + 1)), 413, "image", "limit"));
        cases.add(new Hostile(RESOURCES, "an upload three times the request ceiling", () -> declaredOnly(ApiTestContext.MAX_UPLOAD_BYTES * 3), 413, "image", "larger than the upload limit"));
        cases.add(new Hostile(RESOURCES, "a 120 MB Content-Length with no body sent", () -> declaredOnly(120L * 1024 * 1024), 413, "image", "larger than the upload limit"));
        cases.add(new Hostile(RESOURCES, "a PNG declaring 50000x50000 pixels", () -> upload(api.keyA, "Goblina", "bomb.png", "image/png",
                TestImages.pngClaiming(50_000, 50_000)), 400, "image", "more than the limit"));
        cases.add(new Hostile(RESOURCES, "a decompression bomb under the byte cap", () -> upload(api.keyA, "Goblina", "zip.png", "image/png",
                TestImages.pngClaiming(7_000, 7_000)), 400, "image", "more than the limit"));

        cases.add(new Hostile(RESOURCES, "a key past its requests per minute", this::pastTheMinutesRequests, 429,
                "Authorization", "made 1 requests this minute"));
        cases.add(new Hostile(RESOURCES, "a project past the tenant's projects in flight", () -> postJson(fullKey, "/v1/projects",
                body(Map.of("characterId", fullCharacterId))), 429, "projects", "projects are unfinished"));
        cases.add(new Hostile(RESOURCES, "an upload past the tenant's uploads per day", () -> upload(fullKey, "Goblina", "g.png",
                "image/png", TestImages.png(16, 16)), 429, "image", "daily limit"));

        // API5: functions a tenant key does not reach
        cases.add(new Hostile(FUNCTION, "DELETE on a project", () -> send(api.keyA, "DELETE", "/v1/projects/" + projectA, null, null), 405, "request", "not allowed"));
        cases.add(new Hostile(FUNCTION, "PUT on a character", () -> send(api.keyA, "PUT", "/v1/characters/" + characterA, "application/json", "{}"), 405, "request", "not allowed"));
        cases.add(new Hostile(FUNCTION, "the admin surface with a tenant key", () -> get(api.keyA, "/admin/tenants"), 401, "Authorization", "not the admin key"));
        cases.add(new Hostile(FUNCTION, "making a tenant with a tenant key", () -> send(api.keyA, "POST", "/admin/tenants", "application/json", "{\"name\":\"mine\"}"), 401, "Authorization", "not the admin key"));
        cases.add(new Hostile(FUNCTION, "issuing a key with a tenant key", () -> send(api.keyB, "POST", "/admin/tenants/" + api.tenantA + "/keys", "application/json", "{}"), 401, "Authorization", "not the admin key"));
        cases.add(new Hostile(FUNCTION, "raising one's own budget with a tenant key", () -> send(api.keyA, "PATCH", "/admin/tenants/" + api.tenantA, "application/json", "{\"dailyBudgetCents\":99999999}"), 401, "Authorization", "not the admin key"));
        cases.add(new Hostile(FUNCTION, "the admin surface with no key", () -> get(null, "/admin/audit"), 401, "Authorization", "missing"));
        cases.add(new Hostile(FUNCTION, "the JobRunr dashboard through the API", () -> get(api.keyA, "/dashboard/jobs"), 404, "request", "no such resource"));
        cases.add(new Hostile(FUNCTION, "an unknown route under /v1", () -> get(api.keyA, "/v1/tenants"), 404, "request", "no such resource"));

        // API6: money and flows
        cases.add(new Hostile(FLOWS, "a project over the daily budget", () -> postJson(api.keyB, "/v1/projects", body(Map.of(
                "characterId", characterB, "video", Map.of("provider", "sora", "model", "sora-2")))), 402, "budget", "would be exceeded"));
        cases.add(new Hostile(FLOWS, "a provider no one offers", () -> postJson(api.keyA, "/v1/projects", body(Map.of("video", Map.of("provider", "sora-3000")))),
                400, "video.provider", "unknown provider"));
        cases.add(new Hostile(FLOWS, "a model name with a path", () -> postJson(api.keyA, "/v1/projects", body(Map.of("llm", Map.of("provider", "local", "model", "../../etc/passwd ")))),
                400, "llm.model", "letters, digits"));

        // API7: addresses the server would call
        cases.add(new Hostile(SSRF, "a callback to the cloud metadata address", () -> postJson(api.keyA, "/v1/projects",
                body(Map.of("callbackUrl", "http://169.254.169.254/latest/meta-data/"))), 400, "callbackUrl", "must be an https URL"));
        cases.add(new Hostile(SSRF, "an https callback to the cloud metadata address", () -> postJson(api.keyA, "/v1/projects",
                body(Map.of("callbackUrl", "https://169.254.169.254/latest/meta-data/"))), 400, "callbackUrl", "cloud metadata address"));
        cases.add(new Hostile(SSRF, "a callback to the API's own database port", () -> postJson(api.keyA, "/v1/projects",
                body(Map.of("callbackUrl", "https://127.0.0.1:5432/"))), 400, "callbackUrl", "loopback address"));
        cases.add(new Hostile(SSRF, "a callback to loopback written inside an IPv6 address", () -> postJson(api.keyA, "/v1/projects",
                body(Map.of("callbackUrl", "https://[::ffff:127.0.0.1]/"))), 400, "callbackUrl", "loopback address"));
        cases.add(new Hostile(SSRF, "a callback to the private network", () -> postJson(api.keyA, "/v1/projects",
                body(Map.of("callbackUrl", "https://10.0.0.1/admin"))), 400, "callbackUrl", "private address"));
        cases.add(new Hostile(SSRF, "a provider webhook URL pointing inside", () -> postJson(api.keyA, "/v1/projects",
                body(Map.of("video", Map.of("provider", "local", "webhookUrl", "http://127.0.0.1:5432/")))), 400, "video.webhookUrl", "unknown field"));

        // API8: what a lenient server would accept
        cases.add(new Hostile(MISCONFIGURATION, "text/plain JSON", () -> postRaw(api.keyA, "/v1/projects", "text/plain", body(Map.of())), 415, "Content-Type", "must be application/json"));
        cases.add(new Hostile(MISCONFIGURATION, "a form body", () -> postRaw(api.keyA, "/v1/projects", "application/x-www-form-urlencoded", "topic=coffee"), 415, "Content-Type", "must be application/json"));
        cases.add(new Hostile(MISCONFIGURATION, "UTF-16 JSON", () -> postRaw(api.keyA, "/v1/projects", "application/json; charset=utf-16", body(Map.of())), 415, "Content-Type", "must be application/json"));
        cases.add(new Hostile(MISCONFIGURATION, "XML", () -> postRaw(api.keyA, "/v1/projects", "application/xml", "<project/>"), 415, "Content-Type", "must be application/json"));
        cases.add(new Hostile(MISCONFIGURATION, "no content type", () -> postRaw(api.keyA, "/v1/projects", null, body(Map.of())), 415, "Content-Type", "missing"));
        cases.add(new Hostile(MISCONFIGURATION, "a string for a number", () -> postJson(api.keyA, "/v1/projects", body(Map.of("scenarioCount", "3"))), 400, "scenarioCount", "wrong type"));
        cases.add(new Hostile(MISCONFIGURATION, "a fraction for a whole number", () -> postJson(api.keyA, "/v1/projects", body(Map.of("scenarioCount", 3.7))), 400, "scenarioCount", "wrong type"));
        cases.add(new Hostile(MISCONFIGURATION, "a one-element array for a number", () -> postJson(api.keyA, "/v1/projects", body(Map.of("scenarioCount", List.of(3)))), 400, "scenarioCount", "wrong type"));
        cases.add(new Hostile(MISCONFIGURATION, "a string for a boolean", () -> postJson(api.keyA, "/v1/projects", body(Map.of("captions", "true"))), 400, "captions", "wrong type"));
        cases.add(new Hostile(MISCONFIGURATION, "a number for a boolean", () -> postJson(api.keyA, "/v1/projects", body(Map.of("captions", 1))), 400, "captions", "wrong type"));
        cases.add(new Hostile(MISCONFIGURATION, "a number for a string", () -> postJson(api.keyA, "/v1/projects", body(Map.of("topic", 42))), 400, "topic", "wrong type"));
        cases.add(new Hostile(MISCONFIGURATION, "a string for an object", () -> postJson(api.keyA, "/v1/projects", body(Map.of("video", "local"))), 400, "video", "wrong type"));
        cases.add(new Hostile(MISCONFIGURATION, "a duplicate key", () -> postRaw(api.keyA, "/v1/projects", "application/json",
                "{\"characterId\":\"" + characterA + "\",\"topic\":\"coffee\",\"topic\":\"tea\",\"preset\":\"sassy\"}"), 400, "body", "duplicate key"));
        cases.add(new Hostile(MISCONFIGURATION, "a second document after the first", () -> postRaw(api.keyA, "/v1/projects", "application/json",
                body(Map.of()) + " {\"topic\":\"again\"}"), 400, "body", "after the JSON document"));
        cases.add(new Hostile(MISCONFIGURATION, "broken JSON", () -> postRaw(api.keyA, "/v1/projects", "application/json", "{\"topic\": "), 400, "body", ""));
        cases.add(new Hostile(MISCONFIGURATION, "an empty JSON body", () -> postRaw(api.keyA, "/v1/projects", "application/json", ""), 400, "request", "JSON body is required"));
        cases.add(new Hostile(MISCONFIGURATION, "a cross-origin POST", () -> withOrigin("https://evil.example", "POST", "/v1/projects/" + projectA + "/cancel"), 403, "Origin", "cross-origin requests are refused"));
        cases.add(new Hostile(MISCONFIGURATION, "a cross-origin preflight", () -> withOrigin("https://evil.example", "OPTIONS", "/v1/projects"), 403, "Origin", "cross-origin requests are refused"));
        cases.add(new Hostile(MISCONFIGURATION, "a null origin", () -> withOrigin("null", "POST", "/v1/projects/" + projectA + "/cancel"), 403, "Origin", "cross-origin"));

        // API9: ids and names that try to reach something else
        cases.add(new Hostile(INVENTORY, "path traversal in an id", () -> get(api.keyA, "/v1/characters/..%2F..%2Fetc%2Fpasswd"), 400, "id", "not a valid id"));
        cases.add(new Hostile(INVENTORY, "SQL in an id", () -> get(api.keyA, "/v1/projects/1%27%20OR%20%271%27=%271"), 400, "id", "not a valid id"));
        cases.add(new Hostile(INVENTORY, "a NUL in an id", () -> get(api.keyA, "/v1/projects/%00"), 400, "id", ""));
        cases.add(new Hostile(INVENTORY, "SQL in a character id", () -> postJson(api.keyA, "/v1/projects",
                body(Map.of("characterId", "1; DROP TABLE projects;--"))), 400, "characterId", "not a valid id"));
        cases.add(new Hostile(INVENTORY, "a NUL in a topic", () -> postJson(api.keyA, "/v1/projects", body(Map.of("topic", "coffee\u0000tea"))), 400, "topic", "NUL"));
        cases.add(new Hostile(INVENTORY, "a NUL in a name", () -> upload(api.keyA, "Gob\u0000lina", "g.png", "image/png", TestImages.png(16, 16)), 400, "name", "NUL"));
        cases.add(new Hostile(INVENTORY, "a right-to-left override in a topic", () -> postJson(api.keyA, "/v1/projects",
                body(Map.of("topic", "coffee \u202Egnp.exe"))), 400, "topic", "bidirectional control U+202E"));
        cases.add(new Hostile(INVENTORY, "a bell character in a name", () -> upload(api.keyA, "Gob\u0007lina", "g.png", "image/png", TestImages.png(16, 16)), 400, "name", "control character U+0007"));
        cases.add(new Hostile(INVENTORY, "a lone surrogate in a topic", () -> postRaw(api.keyA, "/v1/projects", "application/json",
                body(Map.of()).replace("\"topic\":\"coffee\"", "\"topic\":\"coffee \\ud800\"")), 400, "topic", "lone surrogate"));
        cases.add(new Hostile(INVENTORY, "501 emoji as a topic", () -> postJson(api.keyA, "/v1/projects", body(Map.of("topic", "☕".repeat(10) + "🧌".repeat(491)))),
                400, "topic", "at most 500 characters, was 501"));
        cases.add(new Hostile(INVENTORY, "a newline in a voice", () -> postJson(api.keyA, "/v1/projects",
                body(Map.of("narration", Map.of("provider", "openai", "voice", "coral\nX-Injected: 1")))), 400, "narration.voice", "letters, digits"));

        // images that are not what they claim, whatever their filename says
        cases.add(new Hostile(RESOURCES, "an SVG", () -> upload(api.keyA, "Goblina", "g.png", "image/png",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8)), 415, "image", "not a PNG, JPEG or WebP"));
        cases.add(new Hostile(RESOURCES, "a GIF", () -> upload(api.keyA, "Goblina", "g.gif", "image/gif", encoded("gif")), 415, "image", "not a PNG, JPEG or WebP"));
        cases.add(new Hostile(RESOURCES, "a TIFF", () -> upload(api.keyA, "Goblina", "g.tiff", "image/tiff", encoded("tiff")), 415, "image", "not a PNG, JPEG or WebP"));
        cases.add(new Hostile(RESOURCES, "an animated WebP", () -> upload(api.keyA, "Goblina", "g.webp", "image/webp", animatedWebp()), 415, "image", ""));
        cases.add(new Hostile(RESOURCES, "a PNG with a wrong CRC", () -> upload(api.keyA, "Goblina", "g.png", "image/png", wrongCrc(TestImages.png(32, 32))), 400, "image", "CRC"));
        cases.add(new Hostile(RESOURCES, "text with a traversal filename", () -> upload(api.keyA, "Goblina", "../../../etc/passwd", "image/png",
                "root:x:0:0:root:/root:/bin/bash".getBytes(StandardCharsets.UTF_8)), 415, "image", "not a PNG, JPEG or WebP"));
        cases.add(new Hostile(RESOURCES, "an upload with no image part", () -> uploadWithout(), 400, "image", "is required"));

        // API10: provider webhooks are believed only when signed
        cases.add(new Hostile(UNSAFE, "an unsigned webhook", () -> webhook(Map.of(), "{\"id\":\"p1\",\"status\":\"succeeded\"}"), 401, "webhook-signature", "missing"));
        cases.add(new Hostile(UNSAFE, "a webhook with a forged signature", () -> webhook(Map.of("webhook-id", "msg_1",
                "webhook-timestamp", String.valueOf(System.currentTimeMillis() / 1000), "webhook-signature", "v1,Zm9yZ2Vk"),
                "{\"id\":\"p1\",\"status\":\"succeeded\"}"), 401, "webhook-signature", "does not match"));
        cases.add(new Hostile(UNSAFE, "a webhook to a provider with no secret", () -> send(null, "POST", "/v1/webhooks/openai", "application/json", "{}"), 401, "webhook-signature", "no signing secret"));
        cases.add(new Hostile(UNSAFE, "a chunked webhook", () -> chunked(null, "/v1/webhooks/replicate", "application/json", "{}"), 411, "Content-Length", "chunked"));
        return cases;
    }

    @Test
    void aTenantListsOnlyItsOwnProjects() throws Exception {
        JsonNode page = json.readTree(get(api.keyB, "/v1/projects?size=100").body());
        assertThat(page.get("items").findValuesAsText("id")).doesNotContain(projectA);
        assertThat(json.readTree(get(api.keyA, "/v1/projects?size=100").body()).get("items").findValuesAsText("id")).contains(projectA);
    }

    @Test
    void aTraversalFilenameOnAGoodImageIsIgnoredAndTheFileLandsUnderTheTenant() throws Exception {
        HttpResponse<String> created = upload(api.keyA, "Goblina", "../../../../tmp/evil.png", "image/png", TestImages.png(24, 24));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(api.blobRoot)) {
            assertThat(files.filter(java.nio.file.Files::isRegularFile).map(api.blobRoot::relativize).map(Object::toString))
                    .allMatch(path -> path.matches("[a-z-]+/tenants/[0-9a-f-]{36}/characters/[0-9a-f-]{36}/original\\.png"), "under a tenant")
                    .noneMatch(path -> path.contains("evil"));
        }
    }

    @Test
    void fiveHundredEmojiAreATopicOfFiveHundredCharacters() throws Exception {
        HttpResponse<String> accepted = postJson(api.keyA, "/v1/projects", body(Map.of("topic", "🧌".repeat(500))));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    @Test
    void aConfiguredOriginIsNotNeededForTheApisOwnPagesOrForClientsWithoutOrigin() throws Exception {
        HttpResponse<String> same = http.send(HttpRequest.newBuilder(api.url("/v1/projects")).header("Authorization", "Bearer " + api.keyA)
                .header("Origin", "http://localhost:" + api.server.getPort()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(same.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndNamesNoServer() throws Exception {
        for (HttpResponse<String> response : List.of(get(api.keyA, "/v1/projects"), get(null, "/v1/projects"),
                get(api.keyA, "/v1/nothing-here"), http.send(HttpRequest.newBuilder(api.url("/health")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
            assertThat(response.headers().firstValue("Server")).isEmpty();
        }
    }

    private void expect(Hostile hostile) throws Exception {
        Map<String, Long> before = api.writtenState();
        Answer answer = asAnswer(hostile.call().send());
        assertThat(answer.status()).as(hostile.name() + ": " + answer.body()).isEqualTo(hostile.status());
        assertThat(answer.contentType()).as(hostile.name()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(hostile.status());
        JsonNode error = problem.get("errors").get(0);
        assertThat(error).as(hostile.name() + ": " + answer.body()).isNotNull();
        if (!hostile.field().isEmpty()) {
            assertThat(error.get("field").asText()).as(answer.body()).isEqualTo(hostile.field());
        }
        assertThat(error.get("reason").asText()).as(answer.body()).contains(hostile.reason());
        assertThat(answer.body()).as("no internals in " + hostile.name())
                .doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("micronaut")
                .doesNotContainIgnoringCase("jackson").doesNotContainIgnoringCase("java.")
                .doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("postgres");
        if (answer.headers().containsKey("x-content-type-options")) {
            assertThat(answer.headers().get("x-content-type-options")).isEqualTo("nosniff");
        } else {
            throw new AssertionError(hostile.name() + ": no X-Content-Type-Options header");
        }
        assertThat(api.writtenState()).as("nothing written or enqueued by " + hostile.name()).isEqualTo(before);
    }

    // ---- requests ----

    /** Requests with the one-a-minute key until one is refused (at most three, should a minute turn meanwhile). */
    private HttpResponse<String> pastTheMinutesRequests() throws Exception {
        HttpResponse<String> last = get(slowKey, "/v1/projects");
        for (int i = 0; i < 2 && last.statusCode() == 200; i++) {
            last = get(slowKey, "/v1/projects");
        }
        return last;
    }

    private String body(Map<String, Object> overrides) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("characterId", characterA);
        body.put("topic", "coffee");
        body.put("preset", "sassy");
        body.putAll(overrides);
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String key, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url(path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Answer withAuthorization(String header, String path) throws Exception {
        return answer(http.send(HttpRequest.newBuilder(api.url(path)).header("Authorization", header).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private Answer withOrigin(String origin, String method, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url(path)).header("Origin", origin)
                .header("Authorization", "Bearer " + api.keyA).method(method, BodyPublishers.noBody());
        if ("OPTIONS".equals(method)) {
            request.header("Access-Control-Request-Method", "POST");
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private Answer post(String key, String path) throws Exception {
        return send(key, "POST", path, null, null);
    }

    private HttpResponse<String> postJson(String key, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(api.url(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Answer postRaw(String key, String path, String contentType, String body) throws Exception {
        return send(key, "POST", path, contentType, body);
    }

    private Answer send(String key, String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url(path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private Answer chunkedJson(String path, String body) throws Exception {
        return chunked(api.keyA, path, "application/json", body);
    }

    /** A body of unknown length: the client sends it chunked. */
    private Answer chunked(String key, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url(path)).header("Content-Type", contentType)
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private Answer webhook(Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url("/v1/webhooks/replicate"))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> upload(String key, String name, String filename, String type, byte[] bytes) throws Exception {
        MultipartForm form = new MultipartForm().field("name", name).file("image", filename, type, bytes);
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url("/v1/characters")).header("Content-Type", form.contentType())
                .POST(BodyPublishers.ofByteArray(form.toByteArray()));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Answer uploadWithout() throws Exception {
        MultipartForm form = new MultipartForm().field("name", "Goblina").field("picture", "not a file");
        return answer(http.send(HttpRequest.newBuilder(api.url("/v1/characters")).header("Authorization", "Bearer " + api.keyA)
                .header("Content-Type", form.contentType()).POST(BodyPublishers.ofByteArray(form.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /** Headers only, announcing a body far over the ceiling: the answer must come before any body is sent. */
    private Answer declaredOnly(long contentLength) throws IOException {
        String head = "POST /v1/characters HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + api.keyA
                + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " + contentLength + "\r\n\r\n";
        return raw(head.getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(10));
    }

    /** Writes {@code request} on a plain socket and reads until the server answers or closes. */
    private Answer raw(byte[] request, Duration timeout) throws IOException {
        try (Socket socket = new Socket("localhost", api.server.getPort())) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            try {
                while ((read = in.read(buffer)) >= 0) {
                    received.write(buffer, 0, read);
                    if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (java.net.SocketException reset) {
                // the server may close while we still write: what it answered before that counts
            }
            return parse(received.toString(StandardCharsets.UTF_8));
        }
    }

    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text.substring(0, end));
        return length.find() && text.length() - end - 4 >= Integer.parseInt(length.group(1));
    }

    private static Answer parse(String text) {
        if (text.isEmpty()) {
            return new Answer(-1, "", "", Map.of());
        }
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return new Answer(status, headers.getOrDefault("content-type", ""), end < 0 ? "" : text.substring(end + 4), headers);
    }

    @SuppressWarnings("unchecked")
    private static Answer asAnswer(Object sent) {
        return sent instanceof Answer answer ? answer : answer((HttpResponse<String>) sent);
    }

    private static Answer answer(HttpResponse<String> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), headers);
    }

    // ---- files ----

    private static byte[] padded(byte[] start, int length) {
        byte[] bytes = new byte[length];
        System.arraycopy(start, 0, bytes, 0, start.length);
        return bytes;
    }

    private static byte[] encoded(String format) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, format, out)).as("the JDK writes " + format).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** RIFF/WEBP with an extended header whose animation flag is set, an ANIM chunk and one empty frame. */
    private static byte[] animatedWebp() {
        ByteBuffer chunks = ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        chunks.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0x02).put(new byte[3])
                .put(new byte[] {31, 0, 0, 31, 0, 0});
        chunks.put("ANIM".getBytes(StandardCharsets.US_ASCII)).putInt(6).putInt(0).putShort((short) 0);
        chunks.put("ANMF".getBytes(StandardCharsets.US_ASCII)).putInt(16).put(new byte[16]);
        int size = chunks.position();
        ByteBuffer file = ByteBuffer.allocate(12 + size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + size).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        file.put(chunks.array(), 0, size);
        return file.array();
    }

    /** The same PNG with one bit of its IHDR checksum flipped. */
    private static byte[] wrongCrc(byte[] png) {
        byte[] copy = png.clone();
        copy[8 + 4 + 4 + 13] ^= 0x01;
        return copy;
    }
}
