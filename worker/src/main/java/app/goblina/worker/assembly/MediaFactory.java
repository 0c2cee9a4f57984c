package app.goblina.worker.assembly;

import app.goblina.worker.media.AnimatedClipRenderer;
import app.goblina.worker.media.ClipRenderer;
import app.goblina.worker.media.MediaProbe;
import app.goblina.worker.media.ShortAssembler;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The FFmpeg components as beans, drawing text with the configured caption font. */
@Factory
public class MediaFactory {

    @Singleton
    ClipRenderer clipRenderer(CaptionFont font) {
        return new ClipRenderer(font.path());
    }

    @Singleton
    AnimatedClipRenderer animatedClipRenderer() {
        return new AnimatedClipRenderer();
    }

    @Singleton
    ShortAssembler shortAssembler() {
        return new ShortAssembler();
    }

    @Singleton
    MediaProbe mediaProbe() {
        return new MediaProbe();
    }
}
