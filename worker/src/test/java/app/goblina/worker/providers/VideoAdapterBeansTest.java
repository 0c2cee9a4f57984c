package app.goblina.worker.providers;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.clips.VideoGenerator;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import app.goblina.worker.providers.replicate.ReplicateConfig;
import app.goblina.worker.providers.sora.SoraConfig;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The video adapters exist only when their key is configured, and bind their documented defaults. */
class VideoAdapterBeansTest {

    @Test
    void withoutKeysOnlyTheLocalVideoGeneratorExists() throws IOException {
        // given a blank Sora key, as an empty environment variable leaves, and no Replicate token
        try (ApplicationContext context = ApplicationContext.run(workerProperties(Map.of("goblina.sora.api-key", " ")))) {

            // when / then
            assertThat(context.getBeansOfType(VideoGenerator.class)).extracting(VideoGenerator::name).containsExactly("local");
            assertThat(context.findBean(SoraConfig.class)).isEmpty();
            assertThat(context.findBean(ReplicateConfig.class)).isEmpty();
        }
    }

    @Test
    void aKeyAddsThatAdapterWithTheContractsDefaults() throws IOException {
        // given
        Map<String, Object> keys = Map.of(
                "goblina.sora.api-key", "sk-sora-configured-0123",
                "goblina.replicate.api-token", "r8_configured_0123");

        try (ApplicationContext context = ApplicationContext.run(workerProperties(keys))) {

            // when
            Providers providers = context.getBean(Providers.class);
            SoraConfig sora = context.getBean(SoraConfig.class);
            ReplicateConfig replicate = context.getBean(ReplicateConfig.class);

            // then
            assertThat(context.getBeansOfType(VideoGenerator.class)).extracting(VideoGenerator::name)
                    .containsExactlyInAnyOrder("local", "sora", "replicate");
            assertThat(providers.video("sora").name()).isEqualTo("sora");
            assertThat(providers.video("replicate").name()).isEqualTo("replicate");
            assertThat(sora.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
            assertThat(sora.model()).isEqualTo("sora-2");
            assertThat(sora.allowedSeconds()).containsExactly(4, 8, 12);
            assertThat(sora.sizes()).containsExactly("720x1280", "1280x720", "1024x1792", "1792x1024");
            assertThat(sora.sizeStyle()).isEqualTo(SoraConfig.SizeStyle.SIZE);
            assertThat(sora.downloadHosts()).isEmpty();
            assertThat(sora.downloadTimeout()).isEqualTo(Duration.ofMinutes(5));
            assertThat(replicate.baseUrl()).isEqualTo(URI.create("https://api.replicate.com"));
            assertThat(replicate.model()).isEqualTo("kwaivgi/kling-v2.5-turbo-pro");
            assertThat(replicate.durations()).containsExactly(5, 10);
            assertThat(replicate.downloadHosts()).isEqualTo(List.of("replicate.delivery"));
            assertThat(replicate.webhookUrl()).isNull();
            assertThat(replicate.outputLifetime()).isEqualTo(Duration.ofHours(1));
            assertThat(sora.toString()).doesNotContain("sk-sora-configured");
            assertThat(replicate.toString()).doesNotContain("r8_configured");
        }
    }

    @Test
    void anOpenAiKeyAloneSwitchesTheSoraAdapterOnWithThatKey() throws IOException {
        // given only OpenAI's key, as for OpenAI's own service
        Map<String, Object> openAi = Map.of("goblina.openai.api-key", "sk-openai-0123");

        try (ApplicationContext context = ApplicationContext.run(workerProperties(openAi))) {

            // when
            SoraConfig sora = context.getBean(SoraConfig.class);

            // then
            assertThat(sora.apiKey()).isEqualTo("sk-openai-0123");
            assertThat(context.getBeansOfType(VideoGenerator.class)).extracting(VideoGenerator::name).contains("sora");
        }
    }

    @Test
    void aSoraKeyWinsOverOpenAisAndABlankOneDoesNot() throws IOException {
        try (ApplicationContext both = ApplicationContext.run(workerProperties(Map.of(
                "goblina.openai.api-key", "sk-openai-0123", "goblina.sora.api-key", "sk-gateway-4567")));
                ApplicationContext blank = ApplicationContext.run(workerProperties(Map.of(
                        "goblina.openai.api-key", "sk-openai-0123", "goblina.sora.api-key", " ")))) {

            assertThat(both.getBean(SoraConfig.class).apiKey()).isEqualTo("sk-gateway-4567");
            assertThat(blank.getBean(SoraConfig.class).apiKey()).isEqualTo("sk-openai-0123");
        }
    }

    @Test
    void gatewayVariantsAndListsAreReadFromConfiguration() throws IOException {
        // given a gateway naming frames by aspect ratio, taking JSON with integer seconds, serving from a CDN
        Map<String, Object> gateway = Map.of(
                "goblina.sora.api-key", "gw-key-0123",
                "goblina.sora.base-url", "https://gateway.example/v1/",
                "goblina.sora.model", "seedance-1-pro",
                "goblina.sora.size-style", "ASPECT_RATIO_RESOLUTION",
                "goblina.sora.body-style", "JSON",
                "goblina.sora.seconds-as-integer", "true",
                "goblina.sora.allowed-seconds", "5,10",
                "goblina.sora.download-hosts", "cdn.gateway.example,files.gateway.example");

        try (ApplicationContext context = ApplicationContext.run(workerProperties(gateway))) {

            // when
            SoraConfig sora = context.getBean(SoraConfig.class);

            // then
            assertThat(sora.baseUrl()).isEqualTo(URI.create("https://gateway.example/v1"));
            assertThat(sora.sizeStyle()).isEqualTo(SoraConfig.SizeStyle.ASPECT_RATIO_RESOLUTION);
            assertThat(sora.bodyStyle()).isEqualTo(SoraConfig.BodyStyle.JSON);
            assertThat(sora.secondsAsInteger()).isTrue();
            assertThat(sora.allowedSeconds()).containsExactly(5, 10);
            assertThat(sora.downloadHosts()).containsExactly("cdn.gateway.example", "files.gateway.example");
        }
    }

    private static Map<String, Object> workerProperties(Map<String, Object> extra) throws IOException {
        TestDatabase database = TestPostgres.newDatabase();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("datasources.default.url", database.jdbcUrl());
        properties.put("datasources.default.username", database.username());
        properties.put("datasources.default.password", database.password());
        properties.put("goblina.storage.kind", "local");
        properties.put("goblina.storage.local-root", Files.createTempDirectory("goblina-video-beans").toString());
        properties.put("goblina.worker.run-server", false);
        properties.put("goblina.worker.work-dir", Files.createTempDirectory("goblina-video-work").toString());
        properties.putAll(extra);
        return properties;
    }
}
