package app.goblina.worker.providers.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.ollama.FakeOllama;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Ollama fake answers as Ollama does: 404 for a model not pulled, a stream unless told otherwise. */
class FakeOllamaHonoursTheContractTest {

    private final FakeOllama fake = FakeOllama.start("gemma3:4b");

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> chat(String body) {
        return FakeExchange.post(URI.create(fake.baseUrl() + FakeOllama.CHAT), Map.of(), body);
    }

    @Test
    void aModelThatIsNotPulledIsA404InOllamasShape() {
        // when
        HttpResponse<String> response = chat("{\"model\":\"llava\",\"messages\":[],\"stream\":false}");

        // then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(FakeJson.parseObject(response.body()))
                .containsEntry("error", "model \"llava\" not found, try pulling it first");
    }

    @Test
    void withoutStreamFalseTheAnswerComesAsLinesOfJson() {
        // when
        HttpResponse<String> response = chat("{\"model\":\"gemma3:4b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        // then
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-ndjson");
        assertThat(response.body().lines()).hasSize(2);
    }

    @Test
    void withStreamFalseTheAnswerIsOneObjectFollowingTheFormatSchema() {
        // when
        HttpResponse<String> response = chat("""
                {"model":"gemma3:4b","messages":[{"role":"user","content":"hi"}],"stream":false,
                 "format":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}""");

        // then
        Map<String, Object> body = FakeJson.parseObject(response.body());
        assertThat(body).containsEntry("done", true).containsEntry("done_reason", "stop");
        assertThat(String.valueOf(body.get("message"))).contains("Sample name 1");
    }
}
