package app.goblina.worker.providers.local;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.analysis.CharacterImage;
import app.goblina.domain.StyleGuide;
import app.goblina.failures.PermanentFailure;
import jakarta.inject.Singleton;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import app.goblina.worker.media.BoundedImageDecode;
import javax.imageio.ImageIO;

/**
 * The analyst that needs no network and no key: it reads the image itself (dominant palette, proportions,
 * brightness) and words a style guide from the measurements. Same image, same guide.
 */
@Singleton
public class LocalCharacterAnalyst implements CharacterAnalyst {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public StyleGuide analyse(String characterName, CharacterImage image) {
        BufferedImage decoded;
        try {
            // the survey reads colours and the figure's outline: a megapixel shows them as well as forty
            decoded = BoundedImageDecode.read(ImageIO.createImageInputStream(new ByteArrayInputStream(image.bytes())), 1_000_000L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (decoded == null) {
            throw new PermanentFailure("the character image could not be decoded");
        }
        ImageMeasurements m = PixelSurvey.measure(decoded);
        return new StyleGuide(appearance(characterName, m), visualStyle(m), m.palette(), personalityHints(m));
    }

    private static String appearance(String name, ImageMeasurements m) {
        String build = m.figureAspect() > 1.6 ? "tall, full-length" : m.figureAspect() > 1.1 ? "upright, half-length" : "wide, close-up";
        return String.format("%s: a %s figure covering %d%% of a %dx%d %s image, mostly %s (%s) with %s accents",
                name, build, Math.round(m.figureShare() * 100), m.width(), m.height(),
                m.height() > m.width() ? "portrait" : m.height() < m.width() ? "landscape" : "square",
                ColourNames.of(m.palette().get(0)), m.palette().get(0),
                m.palette().size() > 1 ? ColourNames.of(m.palette().get(1)) : "matching");
    }

    private static String visualStyle(ImageMeasurements m) {
        String light = m.brightness() > 0.6 ? "bright, high-key lighting" : m.brightness() > 0.35 ? "balanced, soft lighting" : "moody, low-key lighting";
        String colour = m.saturation() > 0.45 ? "bold saturated colours" : m.saturation() > 0.2 ? "friendly mid-saturation colours" : "muted, desaturated colours";
        return "3D-cartoon look, " + colour + ", " + light + ", clean " + ColourNames.of(m.background()) + " backdrop";
    }

    private static List<String> personalityHints(ImageMeasurements m) {
        List<String> hints = new ArrayList<>();
        float[] hsb = hsb(m.palette().get(0));
        hints.add(hueMood(hsb[0], hsb[1]));
        hints.add(m.brightness() > 0.5 ? "upbeat and approachable" : "dry and a little mysterious");
        hints.add(m.saturation() > 0.4 ? "expressive, big reactions" : "understated, subtle reactions");
        if (m.figureAspect() < 1.1) {
            hints.add("faces the camera up close: talks straight to the viewer");
        }
        return hints;
    }

    private static String hueMood(float hue, float saturation) {
        if (saturation < 0.15) {
            return "calm and composed";
        }
        float degrees = hue * 360;
        if (degrees < 20 || degrees >= 330) {
            return "fiery and bold";
        } else if (degrees < 50) {
            return "warm and playful";
        } else if (degrees < 70) {
            return "sunny and optimistic";
        } else if (degrees < 170) {
            return "mischievous and earthy";
        } else if (degrees < 260) {
            return "cool and clever";
        }
        return "dreamy and whimsical";
    }

    private static float[] hsb(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, null);
    }
}
