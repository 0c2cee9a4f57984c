package app.goblina.worker.providers.openai;

import static app.goblina.worker.providers.ContractFixtures.SLOWER_THAN_TIMEOUT;
import static app.goblina.worker.providers.ContractFixtures.failsWithinTheTimeoutBound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.narration.NarrationRequest;
import app.goblina.testkit.fakes.openai.FakeOpenAi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAiNarratorTest {

    private static final String KEY = "sk-test-0123456789";

    private final FakeOpenAi fake = FakeOpenAi.start(KEY);
    private final OpenAiNarrator narrator = new OpenAiNarrator(OpenAiTestConfig.api(fake, KEY));

    @TempDir
    Path dir;

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private static NarrationRequest line(String text) {
        return new NarrationRequest("scenario-42-narration", text, "coral", "sassy and quick");
    }

    @Test
    void theAudioIsWrittenToTheTargetAndItsMediaTypeReturned() throws Exception {
        // given
        Path target = dir.resolve("line.mp3");

        // when
        String mediaType = narrator.narrate(line("Coffee? I brew it with spite."), target);

        // then
        assertThat(mediaType).isEqualTo("audio/mpeg");
        byte[] audio = Files.readAllBytes(target);
        assertThat(audio.length).isGreaterThan(1000);
        assertThat(audio[0]).isEqualTo((byte) 0xFF);
        assertThat(audio[1] & 0xE0).as("MPEG frame sync").isEqualTo(0xE0);
        assertThat(dir.resolve("line.mp3.part")).doesNotExist();
    }

    @Test
    void aWavFormatGivesAPlayableWavFile() throws Exception {
        // given a narrator configured for WAV
        OpenAiNarrator wav = new OpenAiNarrator(OpenAiTestConfig.api(fake, KEY, "wav", 1 << 20));
        Path target = dir.resolve("line.wav");

        // when
        String mediaType = wav.narrate(line("Hello."), target);

        // then
        assertThat(mediaType).isEqualTo("audio/wav");
        AudioFileFormat format = AudioSystem.getAudioFileFormat(target.toFile());
        assertThat(format.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
        assertThat(format.getFormat().getSampleRate()).isEqualTo(24_000f);
    }

    @Test
    void theRequestCarriesTheLineTheVoiceTheToneAndTheIdempotencyKey() {
        // when
        narrator.narrate(line("Coffee? I brew it with spite."), dir.resolve("line.mp3"));

        // then
        Map<String, Object> body = fake.lastSpeechBody().orElseThrow();
        assertThat(body).containsEntry("model", "gpt-4o-mini-tts").containsEntry("input", "Coffee? I brew it with spite.")
                .containsEntry("voice", "coral").containsEntry("instructions", "sassy and quick")
                .containsEntry("response_format", "mp3");
        assertThat(fake.lastSpeechRequest().orElseThrow().header("Idempotency-Key")).contains("scenario-42-narration");
    }

    @Test
    void aLineWithoutAVoiceUsesTheConfiguredOne() {
        // when
        narrator.narrate(new NarrationRequest("k", "Hi.", null, ""), dir.resolve("line.mp3"));

        // then
        assertThat(fake.lastSpeechBody().orElseThrow()).containsEntry("voice", "coral").doesNotContainKey("instructions");
    }

    @Test
    void textOf4096CharactersIsAccepted() {
        // when
        narrator.narrate(line("a".repeat(4096)), dir.resolve("line.mp3"));

        // then
        assertThat(fake.speechCalls()).isEqualTo(1);
    }

    @Test
    void textOverTheLimitIsRefusedBeforeAnyCall() {
        // given
        NarrationRequest tooLong = line("a".repeat(4097));

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> narrator.narrate(tooLong, dir.resolve("line.mp3")));

        // then
        assertThat(failure.reason()).contains("4097 characters").contains("4096");
        assertThat(fake.speechCalls()).isZero();
        assertThat(dir.resolve("line.mp3")).doesNotExist();
    }

    @Test
    void aRateLimitIsTransientAndCarriesTheWaitInMilliseconds() {
        // given
        fake.nextRateLimitedMillis(1500);

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class,
                () -> narrator.narrate(line("Hi."), dir.resolve("line.mp3")));

        // then
        assertThat(failure.retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void aServerErrorIsTransientAndLeavesNoFile() {
        // given
        fake.nextServerError();

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class,
                () -> narrator.narrate(line("Hi."), dir.resolve("line.mp3")));

        // then
        assertThat(failure).hasMessageContaining("500");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aProviderSlowerThanTheTimeoutIsTransientAndTheCallGivesUpInTime() {
        // given
        fake.nextSlow(SLOWER_THAN_TIMEOUT);

        // when
        Throwable thrown = failsWithinTheTimeoutBound(() -> narrator.narrate(line("Hi."), dir.resolve("line.mp3")));

        // then
        assertThat(thrown).isInstanceOf(TransientFailure.class);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void audioThatStopsArrivingMidwayIsTransientWithinTheTimeoutAndLeavesNoFile() {
        // given headers and half the audio at once, the rest after three seconds
        fake.nextSpeechStallingMidway(SLOWER_THAN_TIMEOUT);

        // when
        Throwable thrown = failsWithinTheTimeoutBound(() -> narrator.narrate(line("Hi."), dir.resolve("line.mp3")));

        // then
        assertThat(thrown).isInstanceOf(TransientFailure.class);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anExhaustedQuotaIsPermanent() {
        // given
        fake.nextInsufficientQuota();

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> narrator.narrate(line("Hi."), dir.resolve("line.mp3")));

        // then
        assertThat(failure.reason()).contains("quota exhausted");
    }

    @Test
    void aRefusedKeyIsPermanentAndTheKeyIsNotRepeated() {
        // given
        OpenAiNarrator withWrongKey = new OpenAiNarrator(OpenAiTestConfig.api(fake, "sk-wrong-key-0123456789abcdef"));

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> withWrongKey.narrate(line("Hi."), dir.resolve("line.mp3")));

        // then
        assertThat(failure.reason()).contains("401").doesNotContain("wrong-key").doesNotContain("cdef");
    }

    @Test
    void audioLargerThanTheCapIsPermanentAndLeavesNoFile() {
        // given a cap of 1 KB, below a second of MP3
        OpenAiNarrator capped = new OpenAiNarrator(OpenAiTestConfig.api(fake, KEY, "mp3", 1024));

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> capped.narrate(line("Hi."), dir.resolve("line.mp3")));

        // then
        assertThat(failure.reason()).contains("1024-byte limit");
        assertThat(dir).isEmptyDirectory();
    }
}
