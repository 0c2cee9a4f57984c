package app.goblina.worker.providers.sora;

import app.goblina.clips.ClipRequest;
import app.goblina.worker.providers.sora.SoraConfig.SizeStyle;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a clip request becomes on the wire: the model, a length the model takes, and the frame, named either by
 * {@code size} or by {@code aspect_ratio} + {@code resolution}. The same shape is computed for a create and for
 * the lookup of an earlier one, so both always agree on what was asked.
 *
 * @param size        {@code WIDTHxHEIGHT} in SIZE style, else null
 * @param aspectRatio e.g. {@code 9:16} in ASPECT_RATIO_RESOLUTION style, else null
 * @param resolution  e.g. {@code 720p} in ASPECT_RATIO_RESOLUTION style, else null
 * @param width       the frame width the reference image must have
 * @param height      the frame height the reference image must have
 */
record SoraShape(String model, int seconds, String size, String aspectRatio, String resolution, int width, int height) {

    static SoraShape of(ClipRequest request, SoraConfig config) {
        String model = request.model() != null && !request.model().isBlank() ? request.model() : config.model();
        int seconds = nearest(request.seconds(), config.allowedSeconds());
        double wanted = (double) request.width() / request.height();
        if (config.sizeStyle() == SizeStyle.SIZE) {
            int[] frame = config.sizes().stream().map(SoraShape::dimensions)
                    .min(Comparator.comparingDouble((int[] wh) -> shapeDistance(wanted, (double) wh[0] / wh[1]))
                            .thenComparingLong(wh -> Math.abs((long) wh[0] * wh[1] - (long) request.width() * request.height())))
                    .orElseThrow();
            return new SoraShape(model, seconds, frame[0] + "x" + frame[1], null, null, frame[0], frame[1]);
        }
        String ratio = config.aspectRatios().stream()
                .min(Comparator.comparingDouble((String r) -> shapeDistance(wanted, ratio(r))))
                .orElseThrow();
        int shortSide = Integer.parseInt(config.resolution().replaceAll("\\D", ""));
        int[] wh = ratioParts(ratio);
        int width = wh[0] >= wh[1] ? shortSide * wh[0] / wh[1] : shortSide;
        int height = wh[0] >= wh[1] ? shortSide : shortSide * wh[1] / wh[0];
        return new SoraShape(model, seconds, null, ratio, config.resolution(), width, height);
    }

    /** Whether a listed video was made from a request of this shape (fields the listing leaves out are not held against it). */
    boolean matches(SoraVideo video) {
        return model.equals(video.model())
                && Integer.toString(seconds).equals(video.seconds())
                && (size == null || video.size() == null || size.equals(video.size()))
                && (aspectRatio == null || video.aspectRatio() == null || aspectRatio.equals(video.aspectRatio()))
                && (resolution == null || video.resolution() == null || resolution.equals(video.resolution()));
    }

    /** The allowed length nearest to {@code wanted}, ties to the longer; {@code wanted} itself when none are listed. */
    static int nearest(int wanted, List<Integer> allowed) {
        return allowed.stream()
                .min(Comparator.comparingInt((Integer s) -> Math.abs(s - wanted)).thenComparing(Comparator.reverseOrder()))
                .orElse(wanted);
    }

    /** How different two aspect ratios look: symmetric in portrait and landscape. */
    private static double shapeDistance(double a, double b) {
        return Math.abs(Math.log(a / b));
    }

    private static double ratio(String ratio) {
        int[] parts = ratioParts(ratio);
        return (double) parts[0] / parts[1];
    }

    private static int[] ratioParts(String ratio) {
        String[] parts = ratio.split(":");
        return new int[] {Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())};
    }

    private static int[] dimensions(String size) {
        String[] parts = Objects.requireNonNull(size).toLowerCase(java.util.Locale.ROOT).split("x");
        return new int[] {Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())};
    }
}
