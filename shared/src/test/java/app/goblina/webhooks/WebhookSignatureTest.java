package app.goblina.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.webhooks.WebhookSignature.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // The example of the Standard Webhooks specification (standard-webhooks/standard-webhooks, README).
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("goblina test secret".getBytes(StandardCharsets.UTF_8));
    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"video.completed\",\"data\":{\"id\":\"video_1\"}}"
            .getBytes(StandardCharsets.UTF_8);

    private final WebhookSignature signature = new WebhookSignature(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theSpecificationsExampleVerifies() {
        WebhookSignature spec = new WebhookSignature(SPEC_SECRET,
                Clock.fixed(Instant.ofEpochSecond(SPEC_TIMESTAMP + 10), ZoneOffset.UTC));

        assertThat(spec.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY)).isEqualTo(Verdict.VALID);
        assertThat(spec.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void aDeliverySignedWithTheSecretIsValid() {
        String header = independentSignature("msg_1", NOW.getEpochSecond(), BODY);

        assertThat(signature.verify("msg_1", Long.toString(NOW.getEpochSecond()), header, BODY)).isEqualTo(Verdict.VALID);
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        // Providers list one signature per active secret while a secret is being rotated.
        String other = "v1," + Base64.getEncoder().encodeToString(new byte[32]);
        String header = "v1a,ignored " + other + " " + independentSignature("msg_1", NOW.getEpochSecond(), BODY);

        assertThat(signature.verify("msg_1", Long.toString(NOW.getEpochSecond()), header, BODY)).isEqualTo(Verdict.VALID);
    }

    @Test
    void anAlteredBodyIsABadSignature() {
        String header = independentSignature("msg_1", NOW.getEpochSecond(), BODY);
        byte[] altered = new String(BODY, StandardCharsets.UTF_8).replace("video_1", "video_2").getBytes(StandardCharsets.UTF_8);

        assertThat(signature.verify("msg_1", Long.toString(NOW.getEpochSecond()), header, altered))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void anotherIdOrTimestampThanTheSignedOneIsABadSignature() {
        String header = independentSignature("msg_1", NOW.getEpochSecond(), BODY);

        assertThat(signature.verify("msg_2", Long.toString(NOW.getEpochSecond()), header, BODY)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signature.verify("msg_1", Long.toString(NOW.getEpochSecond() + 1), header, BODY))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsBad() {
        WebhookSignature stranger = new WebhookSignature(SPEC_SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
        String header = stranger.sign("msg_1", NOW.getEpochSecond(), BODY);

        assertThat(signature.verify("msg_1", Long.toString(NOW.getEpochSecond()), header, BODY)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void garbageInTheSignatureHeaderIsABadSignatureNotAnError() {
        assertThat(signature.verify("msg_1", Long.toString(NOW.getEpochSecond()), "v1,%%%not-base64 nonsense", BODY))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void aCorrectlySignedDeliveryOlderThanFiveMinutesIsStale() {
        long sixMinutesAgo = NOW.minusSeconds(360).getEpochSecond();
        String header = independentSignature("msg_1", sixMinutesAgo, BODY);

        assertThat(signature.verify("msg_1", Long.toString(sixMinutesAgo), header, BODY)).isEqualTo(Verdict.STALE_TIMESTAMP);
    }

    @Test
    void aTimestampFromTheFutureBeyondTheToleranceIsStaleToo() {
        long inSixMinutes = NOW.plusSeconds(360).getEpochSecond();
        String header = independentSignature("msg_1", inSixMinutes, BODY);

        assertThat(signature.verify("msg_1", Long.toString(inSixMinutes), header, BODY)).isEqualTo(Verdict.STALE_TIMESTAMP);
    }

    @Test
    void exactlyFiveMinutesAwayIsStillAccepted() {
        long fiveMinutesAgo = NOW.minusSeconds(300).getEpochSecond();
        String header = independentSignature("msg_1", fiveMinutesAgo, BODY);

        assertThat(signature.verify("msg_1", Long.toString(fiveMinutesAgo), header, BODY)).isEqualTo(Verdict.VALID);
    }

    @Test
    void missingHeadersAreReportedAsSuch() {
        String header = independentSignature("msg_1", NOW.getEpochSecond(), BODY);
        String timestamp = Long.toString(NOW.getEpochSecond());

        assertThat(signature.verify(null, timestamp, header, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(signature.verify("msg_1", " ", header, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(signature.verify("msg_1", timestamp, null, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
    }

    @Test
    void aTimestampThatIsNotANumberIsMalformed() {
        assertThat(signature.verify("msg_1", "yesterday", "v1,AAAA", BODY)).isEqualTo(Verdict.MALFORMED_TIMESTAMP);
    }

    @Test
    void theBareBase64SecretWithoutPrefixIsAccepted() {
        WebhookSignature bare = new WebhookSignature(SECRET.substring("whsec_".length()), Clock.fixed(NOW, ZoneOffset.UTC));
        String header = independentSignature("msg_1", NOW.getEpochSecond(), BODY);

        assertThat(bare.verify("msg_1", Long.toString(NOW.getEpochSecond()), header, BODY)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aSecretThatIsNotBase64IsRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> new WebhookSignature("whsec_s3cr3t!!", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> new WebhookSignature(" ", Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
        assertThat(signature.toString()).doesNotContain(SECRET.substring(6));
    }

    /** Signs as a provider would, without the class under test. */
    private static String independentSignature(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
