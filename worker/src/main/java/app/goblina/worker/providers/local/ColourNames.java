package app.goblina.worker.providers.local;

import java.awt.Color;

/** A plain-words name for a colour, for the style guide's sentences: hue family plus lightness. */
final class ColourNames {

    private ColourNames() {
    }

    static String of(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        float[] hsb = Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, null);
        if (hsb[2] < 0.15) {
            return "black";
        }
        if (hsb[1] < 0.12) {
            return hsb[2] > 0.85 ? "white" : hsb[2] > 0.5 ? "light grey" : "dark grey";
        }
        String shade = hsb[2] < 0.45 ? "dark " : hsb[2] > 0.85 && hsb[1] < 0.5 ? "pale " : "";
        float degrees = hsb[0] * 360;
        String hue;
        if (degrees < 15 || degrees >= 345) {
            hue = "red";
        } else if (degrees < 40) {
            hue = "orange";
        } else if (degrees < 65) {
            hue = "yellow";
        } else if (degrees < 160) {
            hue = "green";
        } else if (degrees < 200) {
            hue = "teal";
        } else if (degrees < 255) {
            hue = "blue";
        } else if (degrees < 290) {
            hue = "purple";
        } else {
            hue = "pink";
        }
        return shade + hue;
    }
}
