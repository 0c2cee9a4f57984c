package app.goblina.worker.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.failures.PermanentFailure;
import app.goblina.narration.NarrationRequest;
import app.goblina.narration.Narrator;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import app.goblina.worker.providers.offers.WorkerOffers;
import app.goblina.worker.providers.openai.OpenAiConfig;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which adapters a worker has is decided by its configuration alone: a vendor's adapters exist only when usable. */
class ProviderBeansTest {

    @Test
    void withNoProviderConfiguredOnlyTheLocalAdaptersExist() throws IOException {
        // given the embedded default's configuration
        try (ApplicationContext context = ApplicationContext.run(workerProperties(Map.of()))) {

            // when / then
            assertThat(context.getBeansOfType(CharacterAnalyst.class)).extracting(CharacterAnalyst::name)
                    .containsExactly("local");
            assertThat(context.getBeansOfType(ScenarioWriter.class)).extracting(ScenarioWriter::name)
                    .containsExactly("local");
            assertThat(context.getBeansOfType(Narrator.class)).extracting(Narrator::name).containsExactly("local");
            assertThat(context.getBean(WorkerOffers.class).of("narration")).as("espeak-ng is installed")
                    .containsOnlyKeys("local");
        }
    }

    @Test
    void withoutEspeakNgTheWorkerDoesNotOfferLocalNarrationAndItsNarratorSaysWhichPackageIsMissing() throws IOException {
        // given a worker whose espeak-ng is not where it is looked for
        try (ApplicationContext context = ApplicationContext.run(workerProperties(Map.of("goblina.espeak.program",
                Files.createTempDirectory("goblina-no-espeak").resolve("espeak-ng").toString())))) {

            // when
            Narrator local = context.getBean(Providers.class).narrator("local");

            // then
            assertThat(context.getBean(WorkerOffers.class).of("narration")).doesNotContainKey("local");
            assertThat(local.available()).isFalse();
            assertThatThrownBy(() -> local.narrate(new NarrationRequest("k", "Hello.", null, ""),
                    Files.createTempFile("goblina-narration", ".wav")))
                    .isInstanceOf(PermanentFailure.class).hasMessageContaining("apt-get install espeak-ng");
        }
    }

    @Test
    void aKeyOrTheOllamaSwitchAddsThatVendorsAdaptersButABlankKeyDoesNot() throws IOException {
        // given an OpenAI key, an empty Anthropic key (an unset environment variable) and Ollama switched on
        Map<String, Object> vendors = Map.of(
                "goblina.openai.api-key", "sk-configured-0123456789",
                "goblina.anthropic.api-key", " ",
                "goblina.ollama.enabled", "true",
                "goblina.providers.analyst", "openai");

        try (ApplicationContext context = ApplicationContext.run(workerProperties(vendors))) {

            // when
            Providers providers = context.getBean(Providers.class);

            // then
            assertThat(context.getBeansOfType(CharacterAnalyst.class)).extracting(CharacterAnalyst::name)
                    .containsExactlyInAnyOrder("local", "openai", "ollama");
            assertThat(context.getBeansOfType(ScenarioWriter.class)).extracting(ScenarioWriter::name)
                    .containsExactlyInAnyOrder("local", "openai", "ollama");
            assertThat(context.getBeansOfType(Narrator.class)).extracting(Narrator::name)
                    .containsExactlyInAnyOrder("local", "openai");
            assertThat(providers.analyst().name()).isEqualTo("openai");
            assertThat(providers.writer("ollama").name()).isEqualTo("ollama");
            OpenAiConfig openAi = context.getBean(OpenAiConfig.class);
            assertThat(openAi.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
            assertThat(openAi.requestTimeout()).isEqualTo(Duration.ofSeconds(90));
            assertThat(openAi.toString()).doesNotContain("sk-configured");
        }
    }

    private static Map<String, Object> workerProperties(Map<String, Object> extra) throws IOException {
        TestDatabase database = TestPostgres.newDatabase();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("datasources.default.url", database.jdbcUrl());
        properties.put("datasources.default.username", database.username());
        properties.put("datasources.default.password", database.password());
        properties.put("goblina.storage.kind", "local");
        properties.put("goblina.storage.local-root", Files.createTempDirectory("goblina-provider-beans").toString());
        properties.put("goblina.worker.run-server", false);
        properties.put("goblina.worker.work-dir", Files.createTempDirectory("goblina-provider-work").toString());
        properties.putAll(extra);
        return properties;
    }
}
