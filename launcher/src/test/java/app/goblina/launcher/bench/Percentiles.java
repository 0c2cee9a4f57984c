package app.goblina.launcher.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of measured values, for the benchmarks' tables. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The {@code percentile}th value (nearest rank; 100 is the maximum), or NaN when there is none. */
    public static double of(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    public static double median(List<Double> values) {
        return of(values, 50);
    }
}
