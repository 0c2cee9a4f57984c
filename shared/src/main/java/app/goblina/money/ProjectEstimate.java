package app.goblina.money;

/**
 * The cost of a project before it runs: one writing call, one clip per scenario, and narration of each
 * caption when asked (captions are at most 160 characters; the estimate takes the cap).
 */
public final class ProjectEstimate {

    static final int NARRATION_CHARACTERS_PER_SCENE = 160;

    private ProjectEstimate() {
    }

    public static long cents(PriceTable prices, String llmProvider, String llmModel, String videoProvider,
            String videoModel, int scenarios, int clipSeconds, String narrationProvider) {
        long total = prices.llmCents(llmProvider, llmModel);
        total += scenarios * prices.videoCents(videoProvider, videoModel, clipSeconds);
        if (narrationProvider != null) {
            total += scenarios * prices.narrationCents(narrationProvider, null, NARRATION_CHARACTERS_PER_SCENE);
        }
        return total;
    }
}
