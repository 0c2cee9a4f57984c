package app.goblina.worker.media;

import app.goblina.failures.PermanentFailure;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The local "video model" with an animated character: cuts the character out of its picture and lets it bob,
 * squash and stretch on a beat, sway and rock, with its mouth opening to a given speech rhythm, over a drifting
 * backdrop made from the palette, graded as the {@link MotionStyle} says. No text is drawn. Silent H.264 MP4, the
 * same encoding as {@link ClipRenderer} at a faster preset ({@link #X264_PRESET}), written next to the target and moved into place when complete.
 *
 * <p>The same clip description and picture give the same frames. Blocking and CPU-bound; the per-frame work is a
 * few affine image draws on images prepared once (see {@link CharacterFramePainter}), so the encoder does most of
 * the work. Thread-safe: each call has its own painter and encoder.
 */
public final class AnimatedClipRenderer {

    /**
     * libx264's fastest preset: a moving character over a drifting backdrop changes most of every frame, which costs
     * {@code veryfast} about twice the CPU of a pan over a still; the clip is a provider's output that the assembly
     * decodes again, so its size matters little and its CPU much.
     */
    static final String X264_PRESET = "ultrafast";

    /**
     * Renders {@code clip} with {@code characterImage} (PNG, JPEG or WebP) into {@code target}, an MP4 with exactly
     * the clip's frame count, replacing any existing file.
     *
     * @throws PermanentFailure when the character image cannot be decoded
     * @throws UncheckedIOException when a file cannot be read or written, or the encoder fails
     */
    public void render(AnimatedClip clip, Path characterImage, Path target) {
        Objects.requireNonNull(clip, "clip");
        BufferedImage character = CharacterImageReader.read(characterImage);
        Path directory = target.toAbsolutePath().getParent();
        try (StagedFile staged = StagedFile.create(directory, ".render-", ".mp4");
                CharacterFramePainter painter = new CharacterFramePainter(clip, character)) {
            ClipRenderer.encode(clip.frame(), painter::paint, staged.path(), X264_PRESET);
            staged.commitTo(target);
        }
    }
}
