package app.goblina.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The defaults as Micronaut binds them from configuration, in a context like the API's and the workers'. */
class ProviderDefaultsTest {

    @Test
    void theEmbeddedDefaultRendersAndWritesLocallyWithTheLocalModels() {
        ProviderDefaults defaults = bound(Map.of());
        assertThat(defaults.video()).isEqualTo("local");
        assertThat(defaults.videoModel()).isEqualTo("local-ffmpeg");
        assertThat(defaults.writer()).isEqualTo("local");
        assertThat(defaults.writerModel()).isEqualTo("local-templates");
    }

    @Test
    void namingAnotherProviderAloneLeavesTheModelToItsAdapterInsteadOfALocalOne() {
        ProviderDefaults defaults = bound(Map.of("goblina.providers.video", "replicate", "goblina.providers.writer", "openai"));
        assertThat(defaults.videoModel()).as("the model Replicate's adapter is configured with").isNull();
        assertThat(defaults.writerModel()).isNull();
    }

    @Test
    void aConfiguredModelIsUsedWhateverTheProvider() {
        ProviderDefaults defaults = bound(Map.of("goblina.providers.video", "replicate",
                "goblina.providers.video-model", "kwaivgi/kling-v2.5-turbo-pro", "goblina.providers.writer-model", "gpt-4.1"));
        assertThat(defaults.videoModel()).isEqualTo("kwaivgi/kling-v2.5-turbo-pro");
        assertThat(defaults.writerModel()).isEqualTo("gpt-4.1");
    }

    @Test
    void projectsGetNoMusicByDefaultAndTheSoftPadWhenItIsConfiguredButNoUnknownTrack() {
        assertThat(bound(Map.of()).musicTrack()).isNull();
        assertThat(bound(Map.of("goblina.providers.music", "soft-pad")).musicTrack()).isEqualTo("soft-pad");
        assertThatThrownBy(() -> bound(Map.of("goblina.providers.music", "elevator-jazz")))
                .hasStackTraceContaining("music");
    }

    private static ProviderDefaults bound(Map<String, Object> properties) {
        TestDatabase database = TestPostgres.newDatabase();
        Map<String, Object> all = new HashMap<>(properties);
        all.putAll(Map.of("datasources.default.url", database.jdbcUrl(), "datasources.default.username", database.username(),
                "datasources.default.password", database.password(), "datasources.default.dialect", "POSTGRES",
                "flyway.datasources.default.enabled", true));
        try (ApplicationContext context = ApplicationContext.run(all)) {
            return context.getBean(ProviderDefaults.class);
        }
    }
}
