package app.goblina.worker.providers.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI fake refuses what OpenAI refuses, in OpenAI's error shape, so adapters that pass against it are not
 * merely passing against a lenient server.
 */
class FakeOpenAiHonoursTheContractTest {

    private static final String KEY = "sk-fake-0123456789";
    private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + KEY,
            "Content-Type", "application/json");

    private final FakeOpenAi fake = FakeOpenAi.start(KEY);

    @AfterEach
    void stop() {
        fake.close();
    }

    private URI chat() {
        return URI.create(fake.baseUrl() + FakeOpenAi.CHAT);
    }

    private static String chatBody(String schema) {
        return """
                {"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"answer","strict":true,"schema":%s}}}"""
                .formatted(schema);
    }

    @Test
    void aCallWithoutAKeyIsRefusedWith401InOpenAisShape() {
        // when
        HttpResponse<String> response = FakeExchange.post(chat(), Map.of(), chatBody("{}"));

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        Map<String, Object> error = errorOf(response);
        assertThat(error).containsKeys("message", "type", "param", "code");
    }

    @Test
    void aStrictSchemaWithAnOpenObjectIsRefused() {
        // given
        String open = """
                {"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""";

        // when
        HttpResponse<String> response = FakeExchange.post(chat(), AUTH, chatBody(open));

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(String.valueOf(errorOf(response).get("message"))).contains("additionalProperties");
    }

    @Test
    void aStrictSchemaWithAnOptionalPropertyIsRefused() {
        // given
        String optional = """
                {"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"required":["a"],
                 "additionalProperties":false}""";

        // when
        HttpResponse<String> response = FakeExchange.post(chat(), AUTH, chatBody(optional));

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(String.valueOf(errorOf(response).get("message"))).contains("Missing [b]");
    }

    @Test
    void anUnknownArgumentIsRefused() {
        // when
        HttpResponse<String> response = FakeExchange.post(chat(), AUTH,
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperatur\":1}");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(String.valueOf(errorOf(response).get("message"))).contains("temperatur");
    }

    @Test
    void theDefaultAnswerFollowsTheSchemaWithTheCountItsDescriptionAsks() {
        // given
        String schema = """
                {"type":"object","properties":{"scenes":{"type":"array","description":"Exactly 4 scenes.",
                 "items":{"type":"object","properties":{"title":{"type":"string"}},"required":["title"],
                 "additionalProperties":false}}},"required":["scenes"],"additionalProperties":false}""";

        // when
        HttpResponse<String> response = FakeExchange.post(chat(), AUTH, chatBody(schema));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        String content = String.valueOf(FakeJson.write(FakeJson.parseObject(response.body()).get("choices")));
        assertThat(content).contains("Sample title 4").doesNotContain("Sample title 5");
        assertThat(fake.chatCalls()).isEqualTo(1);
    }

    @Test
    void speechInputOver4096CharactersIsRefused() {
        // when
        HttpResponse<String> response = FakeExchange.post(URI.create(fake.baseUrl() + FakeOpenAi.SPEECH), AUTH,
                "{\"model\":\"tts-1\",\"voice\":\"coral\",\"input\":\"" + "a".repeat(4097) + "\"}");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorOf(response)).containsEntry("code", "string_above_max_length");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> errorOf(HttpResponse<String> response) {
        return (Map<String, Object>) FakeJson.parseObject(response.body()).get("error");
    }
}
