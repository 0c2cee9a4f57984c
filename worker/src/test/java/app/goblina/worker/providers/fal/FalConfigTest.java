package app.goblina.worker.providers.fal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fal settings refuse what cannot work at start-up and never show the key. */
class FalConfigTest {

    @Test
    void aValidConfigurationKeepsItsValuesAndMasksTheKey() {
        FalConfig config = config("fal-ai/kling-video/v2.5-turbo/pro/image-to-video", "", Duration.ofSeconds(30));

        assertThat(config.queueUrl()).isEqualTo(URI.create("https://queue.fal.run"));
        assertThat(config.aspectRatioField()).as("blank means the model takes none").isNull();
        assertThat(config.toString()).doesNotContain("secret-fal-key").contains("key=****");
    }

    @Test
    void aModelWithoutOwnerAndAliasIsRefusedAtStart() {
        assertThatThrownBy(() -> config("kling", null, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("goblina.fal.model");
    }

    @Test
    void aZeroTimeoutIsRefusedAtStart() {
        assertThatThrownBy(() -> config("fal-ai/kling-video", null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 0");
    }

    private static FalConfig config(String model, String aspectRatioField, Duration createTimeout) {
        return new FalConfig("secret-fal-key", URI.create("https://queue.fal.run/"), URI.create("https://api.fal.ai/v1"),
                model, "prompt", "image_url", "duration", true, aspectRatioField, List.of(5, 10),
                List.of("16:9", "9:16", "1:1"), null, List.of("fal.media"), Duration.ofSeconds(5), createTimeout,
                Duration.ofSeconds(20), Duration.ofMinutes(5), 1 << 20, 1 << 25, 1L << 29, Duration.ofMinutes(30),
                Duration.ofMinutes(2), false, Duration.ofSeconds(5));
    }
}
