package app.goblina.money;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The price table, one line per kind of call (see {@link PriceTable} for the format). Environment:
 * {@code GOBLINA_PRICING_VIDEO} (cents per second of video), {@code GOBLINA_PRICING_LLM} (cents per call),
 * {@code GOBLINA_PRICING_NARRATION} (cents per 1000 characters). Defaults are the list prices known when this was
 * written: Sora 2 at $0.10/s and Sora 2 Pro at $0.30/s (720p) on the Sora contract, Kling 2.5 Turbo Pro at about
 * $0.07/s on Replicate; a generous cent per LLM call; OpenAI speech at $0.015 per 1000 characters; the
 * {@code local} adapters cost nothing.
 */
@ConfigurationProperties("goblina.pricing")
public record PricingConfig(
        @Bindable(defaultValue = "sora/sora-2=10,sora/sora-2-pro=30,sora/*=10,replicate/*=7,veo/veo-3.1-lite-generate-preview=5,veo/veo-3.1-fast-generate-preview=15,veo/*=40,fal/*=7,local/*=0") String video,
        @Bindable(defaultValue = "openai/*=1,anthropic/*=1,ollama/*=0,local/*=0") String llm,
        @Bindable(defaultValue = "openai/*=1.5,local/*=0") String narration) {

    public PriceTable table() {
        return new PriceTable(video, llm, narration);
    }
}
