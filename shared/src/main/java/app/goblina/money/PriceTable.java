package app.goblina.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What each paid call is estimated to cost, in US cents. Parsed from lines of {@code provider/model=cents}
 * separated by commas; a model of {@code *} prices every model of the provider. Unknown pairs cost 0, which is
 * right for {@code local} and makes a missing price visible as a zero estimate, not a refused project.
 */
public final class PriceTable {

    private final Map<String, BigDecimal> videoPerSecond;
    private final Map<String, BigDecimal> llmPerCall;
    private final Map<String, BigDecimal> narrationPerThousandChars;

    public PriceTable(String videoPerSecond, String llmPerCall, String narrationPerThousandChars) {
        this.videoPerSecond = parse(videoPerSecond);
        this.llmPerCall = parse(llmPerCall);
        this.narrationPerThousandChars = parse(narrationPerThousandChars);
    }

    public long videoCents(String provider, String model, int seconds) {
        return cents(lookup(videoPerSecond, provider, model).multiply(BigDecimal.valueOf(seconds)));
    }

    public long llmCents(String provider, String model) {
        return cents(lookup(llmPerCall, provider, model));
    }

    public long narrationCents(String provider, String model, int characters) {
        return cents(lookup(narrationPerThousandChars, provider, model)
                .multiply(BigDecimal.valueOf(characters)).divide(BigDecimal.valueOf(1000), 6, RoundingMode.HALF_UP));
    }

    private static long cents(BigDecimal amount) {
        return amount.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static BigDecimal lookup(Map<String, BigDecimal> prices, String provider, String model) {
        String p = provider.toLowerCase(Locale.ROOT);
        BigDecimal exact = prices.get(p + "/" + (model == null ? "" : model.toLowerCase(Locale.ROOT)));
        return exact != null ? exact : prices.getOrDefault(p + "/*", BigDecimal.ZERO);
    }

    static Map<String, BigDecimal> parse(String spec) {
        Map<String, BigDecimal> prices = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return prices;
        }
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            int eq = trimmed.lastIndexOf('=');
            int slash = trimmed.indexOf('/');
            if (eq < 0 || slash < 0 || slash > eq) {
                throw new IllegalArgumentException("Price entry must look like provider/model=cents: " + trimmed);
            }
            prices.put(trimmed.substring(0, eq).trim().toLowerCase(Locale.ROOT), new BigDecimal(trimmed.substring(eq + 1).trim()));
        }
        return prices;
    }
}
