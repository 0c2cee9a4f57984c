package app.goblina.worker.limits;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The parsed limits of {@link RateLimitConfig#spec()}; a provider without an entry is unlimited. */
public final class Limits {

    /** Requests a minute and generations at once; 0 means no limit. */
    public record Limit(int perMinute, int concurrent) {

        static final Limit NONE = new Limit(0, 0);

        Limit halved() {
            return new Limit(perMinute == 0 ? 0 : Math.max(1, perMinute / 2), concurrent == 0 ? 0 : Math.max(1, concurrent / 2));
        }
    }

    private final Map<String, Limit> limits = new HashMap<>();

    public Limits(String spec) {
        if (spec == null || spec.isBlank()) {
            return;
        }
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0 || !entry.substring(0, eq).contains("/")) {
                throw new IllegalArgumentException("Limit entry must look like provider/model=rpm:N,concurrent:M: " + entry);
            }
            int rpm = 0;
            int concurrent = 0;
            for (String part : entry.substring(eq + 1).split(",")) {
                String[] kv = part.trim().split(":");
                switch (kv[0].trim()) {
                    case "rpm" -> rpm = Integer.parseInt(kv[1].trim());
                    case "concurrent" -> concurrent = Integer.parseInt(kv[1].trim());
                    default -> throw new IllegalArgumentException("Unknown limit '" + kv[0] + "' in " + entry);
                }
            }
            limits.put(entry.substring(0, eq).trim().toLowerCase(Locale.ROOT), new Limit(rpm, concurrent));
        }
    }

    public Limit of(String provider, String model) {
        String p = provider.toLowerCase(Locale.ROOT);
        Limit exact = limits.get(p + "/" + (model == null ? "" : model.toLowerCase(Locale.ROOT)));
        return exact != null ? exact : limits.getOrDefault(p + "/*", Limit.NONE);
    }
}
