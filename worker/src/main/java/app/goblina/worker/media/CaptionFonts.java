package app.goblina.worker.media;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The caption typeface. The same TTF file is used to measure lines in Java and to draw them (Java2D in the
 * renderer, FFmpeg's drawtext in the assembler), so wrapping matches what ends up on screen.
 */
public final class CaptionFonts {

    /** DejaVu Sans Bold as installed by Debian's {@code fonts-dejavu-core}. */
    public static final Path DEFAULT_FONT_FILE = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");

    private CaptionFonts() {}

    /**
     * Loads {@code fontFile} at {@code pixelSize} (Java2D points are pixels at an identity transform, as in
     * FreeType's pixel sizes, which drawtext's {@code fontsize} uses).
     *
     * @throws UncheckedIOException when the file is missing, unreadable or not a TrueType font
     */
    static Font load(Path fontFile, float pixelSize) {
        if (!Files.isReadable(fontFile)) {
            throw new UncheckedIOException(new NoSuchFileException(fontFile.toString(), null, "caption font is missing"));
        }
        try {
            return Font.createFont(Font.TRUETYPE_FONT, fontFile.toFile()).deriveFont(pixelSize);
        } catch (FontFormatException e) {
            throw new UncheckedIOException(new IOException(fontFile + " is not a TrueType font", e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
