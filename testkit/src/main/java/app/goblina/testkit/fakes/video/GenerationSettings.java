package app.goblina.testkit.fakes.video;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What every video fake is configured with, whatever its wire format.
 *
 * @param apiKey            the only key accepted as {@code Authorization: Bearer <key>}
 * @param video             the MP4 every finished generation downloads as
 * @param clock             the fake's time, which drives every render
 * @param queueFor          how long a new generation waits before rendering
 * @param renderFor         how long it renders
 * @param advanceOnEachPoll how far each status poll moves the clock on, for tests that only poll; zero for none
 * @param webhookSecret     the {@code whsec_} secret webhooks are signed with, or null to send none
 */
public record GenerationSettings(String apiKey, Path video, ManualClock clock, Duration queueFor, Duration renderFor,
        Duration advanceOnEachPoll, String webhookSecret) {

    public GenerationSettings {
        Objects.requireNonNull(apiKey);
        Objects.requireNonNull(video);
        Objects.requireNonNull(clock);
    }
}
