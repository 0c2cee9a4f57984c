package app.goblina.worker.providers.local;

import java.util.List;

/**
 * What the local analyst measured in an image.
 *
 * @param width           image width in pixels
 * @param height          image height in pixels
 * @param background      the colour of the corners, taken as the backdrop, {@code #rrggbb}
 * @param palette         the figure's dominant colours, most area first, {@code #rrggbb}
 * @param figureShare     fraction of the image the figure (non-backdrop pixels) covers, 0–1
 * @param figureAspect    height / width of the figure's bounding box
 * @param brightness      mean luma of the figure, 0–1
 * @param saturation      mean saturation of the figure, 0–1
 */
public record ImageMeasurements(int width, int height, String background, List<String> palette, double figureShare,
        double figureAspect, double brightness, double saturation) {
}
