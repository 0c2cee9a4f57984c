package app.goblina.launcher.dashboards;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a process serves at {@code /prometheus}, in Prometheus's text format: the families its {@code # TYPE} lines
 * declare, with their types, and the names of the samples it writes.
 */
public final class Exposition {

    private final Map<String, String> families = new HashMap<>();
    private final Set<String> samples = new HashSet<>();

    private Exposition() {
    }

    public static Exposition of(String... scrapes) {
        Exposition exposition = new Exposition();
        for (String scrape : scrapes) {
            for (String line : scrape.split("\n")) {
                exposition.read(line.strip());
            }
        }
        return exposition;
    }

    private void read(String line) {
        if (line.startsWith("# TYPE ")) {
            String[] parts = line.substring("# TYPE ".length()).trim().split("\\s+");
            if (parts.length == 2) {
                families.put(parts[0], parts[1]);
            }
        } else if (!line.isEmpty() && !line.startsWith("#")) {
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && !Character.isWhitespace(line.charAt(end))) {
                end++;
            }
            samples.add(line.substring(0, end));
        }
    }

    /**
     * Whether a name a query reads is served: a declared family, a sample's name, or the {@code _bucket} series of
     * a histogram family (the {@code _count} and {@code _sum} of a histogram or a summary).
     */
    public boolean serves(String name) {
        String family = family(name);
        return families.containsKey(family) || samples.contains(name);
    }

    /** The family a name belongs to: a histogram's {@code x_bucket}, {@code x_count}, {@code x_sum} are family x. */
    public String family(String name) {
        for (String suffix : new String[] {"_bucket", "_count", "_sum"}) {
            if (name.endsWith(suffix)) {
                String stem = name.substring(0, name.length() - suffix.length());
                String type = families.get(stem);
                if ("histogram".equals(type) || (!suffix.equals("_bucket") && "summary".equals(type))) {
                    return stem;
                }
            }
        }
        return name;
    }

    /** How many families the scrapes declared. */
    public int families() {
        return families.size();
    }
}
