package app.goblina.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PriceTableTest {

    private final PriceTable prices = new PricingConfig("sora/sora-2=10,sora/sora-2-pro=30,replicate/*=7,local/*=0",
            "openai/*=1", "openai/*=1.5").table();

    @Test
    void videoIsPricedPerSecondByProviderAndModel() {
        assertThat(prices.videoCents("sora", "sora-2", 4)).isEqualTo(40);
        assertThat(prices.videoCents("sora", "sora-2-pro", 8)).isEqualTo(240);
        assertThat(prices.videoCents("replicate", "kwaivgi/kling-v2.5-turbo-pro", 5)).as("provider wildcard").isEqualTo(35);
        assertThat(prices.videoCents("local", "local-ffmpeg", 12)).isZero();
    }

    @Test
    void narrationRoundsUpToAWholeCent() {
        assertThat(prices.narrationCents("openai", null, 160)).isEqualTo(1);
        assertThat(prices.narrationCents("openai", null, 1000)).isEqualTo(2);
    }

    @Test
    void anEstimateAddsWritingClipsAndNarration() {
        long cents = ProjectEstimate.cents(prices, "openai", "gpt", "sora", "sora-2", 3, 4, "openai");

        assertThat(cents).isEqualTo(1 + 3 * 40 + 3);
    }

    @Test
    void aMalformedEntryIsRefusedAtStart() {
        assertThatThrownBy(() -> new PriceTable("sora-sora-2:10", "", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
