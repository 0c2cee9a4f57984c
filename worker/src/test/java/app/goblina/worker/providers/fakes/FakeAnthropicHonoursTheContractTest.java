package app.goblina.worker.providers.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.fakes.anthropic.FakeAnthropic;
import app.goblina.testkit.fakes.FakeJson;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Anthropic fake refuses what Anthropic refuses, in Anthropic's error shape. */
class FakeAnthropicHonoursTheContractTest {

    private static final String KEY = "sk-ant-fake-0123456789";
    private static final String MESSAGE = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final FakeAnthropic fake = FakeAnthropic.start(KEY);

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> post(Map<String, String> headers, String body) {
        return FakeExchange.post(URI.create(fake.baseUrl() + FakeAnthropic.MESSAGES), headers, body);
    }

    private static Map<String, String> headers(boolean withVersion) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-api-key", KEY);
        headers.put("Content-Type", "application/json");
        if (withVersion) {
            headers.put("anthropic-version", "2023-06-01");
        }
        return headers;
    }

    @Test
    void aWrongKeyIsAnAuthenticationErrorInAnthropicsShape() {
        // when
        HttpResponse<String> response = post(Map.of("x-api-key", "nope", "anthropic-version", "2023-06-01"), MESSAGE);

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        Map<String, Object> body = FakeJson.parseObject(response.body());
        assertThat(body).containsEntry("type", "error");
        assertThat(String.valueOf(body.get("error"))).contains("type=authentication_error").contains("message=");
    }

    @Test
    void theVersionHeaderIsRequired() {
        // when
        HttpResponse<String> response = post(headers(false), MESSAGE);

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("anthropic-version");
    }

    @Test
    void maxTokensIsRequired() {
        // when
        HttpResponse<String> response = post(headers(true),
                "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("max_tokens: Field required");
    }

    @Test
    void anOutputSchemaWithAnOpenObjectIsRefused() {
        // when
        HttpResponse<String> response = post(headers(true), MESSAGE.replace("}]}", "}],\"output_config\":{\"format\":"
                + "{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\",\"properties\":{}}}}}"));

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("additionalProperties");
    }

    @Test
    void aSystemRoleInsideMessagesIsRefused() {
        // when
        HttpResponse<String> response = post(headers(true), MESSAGE.replace("\"role\":\"user\"", "\"role\":\"system\""));

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("top-level `system`");
    }
}
