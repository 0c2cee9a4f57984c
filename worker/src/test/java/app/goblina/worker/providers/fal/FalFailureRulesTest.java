package app.goblina.worker.providers.fal;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.worker.providers.http.FailureRules.Verdict;
import org.junit.jupiter.api.Test;

/** fal's error answers, as its docs show them, judged for retry and worded for the user. */
class FalFailureRulesTest {

    private static final String KEY = "fal-key-that-must-not-leak";
    private final FalFailureRules rules = new FalFailureRules(KEY);

    @Test
    void aContentPolicyRefusalIsPermanentAndSaysWhatFalFlagged() {
        // given
        String body = "{\"detail\":[{\"loc\":[\"body\",\"prompt\"],\"msg\":\"The content was flagged by a content checker.\","
                + "\"type\":\"content_policy_violation\",\"url\":\"https://docs.fal.ai/errors#content_policy_violation\"}]}";

        // when
        Verdict verdict = rules.judge(422, body);

        // then
        assertThat(verdict.permanent()).isTrue();
        assertThat(verdict.reason()).startsWith("HTTP 422").contains("flagged by a content checker")
                .contains(FalFailureRules.CONTENT_POLICY);
    }

    @Test
    void aRateLimitAndServerErrorsAreTransient() {
        assertThat(rules.judge(429, "{\"detail\":\"Too many requests\"}").permanent()).isFalse();
        assertThat(rules.judge(503, "{\"detail\":\"No runner could be allocated\",\"error_type\":\"runner_scheduling_failure\"}"))
                .satisfies(v -> {
                    assertThat(v.permanent()).isFalse();
                    assertThat(v.reason()).contains("runner_scheduling_failure");
                });
        assertThat(rules.judge(504, "not json").permanent()).isFalse();
    }

    @Test
    void anExhaustedBalanceIsPermanentAndSaysToTopUp() {
        Verdict verdict = rules.judge(403, "{\"detail\":\"User is locked. Reason: Exhausted balance.\"}");

        assertThat(verdict.permanent()).isTrue();
        assertThat(verdict.reason()).contains("top it up");
    }

    @Test
    void aRefusedKeyIsPermanentAndNeverEchoed() {
        Verdict verdict = rules.judge(401, "{\"detail\":\"Invalid key " + KEY + "\"}");

        assertThat(verdict.permanent()).isTrue();
        assertThat(verdict.reason()).contains("401").doesNotContain(KEY);
    }

    @Test
    void aKeyEchoedInAnotherErrorIsBlanked() {
        Verdict verdict = rules.judge(400, "{\"detail\":\"bad request for " + KEY + "\"}");

        assertThat(verdict.reason()).doesNotContain(KEY).contains("****");
    }
}
