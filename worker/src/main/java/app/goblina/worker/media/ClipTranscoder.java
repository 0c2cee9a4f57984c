package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import app.goblina.failures.PermanentFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Streams one input clip into the assembly's {@link ShortEncoder}, one decoded frame at a time: pictures are
 * scaled to fill the output frame, centre-cropped, captioned and converted to the output frame rate; audio is
 * resampled to 48 kHz stereo and cut or padded with silence to the clip's slot on the timeline.
 *
 * <p>Frame-rate conversion works from the decoded timestamps (not frame counts), so variable-frame-rate input
 * keeps its timing: output frame {@code k} of the clip shows the last input frame that started no later than
 * half an output frame after {@code k / fps}. Only the latest filtered frame is held.
 *
 * <p>Single use, not thread-safe.
 */
final class ClipTranscoder {

    private final String name;
    private final Path file;
    private final boolean hasAudio;
    private final ShortEncoder encoder;
    private final int width;
    private final int height;
    private final int fps;
    private final FilterGraphs.Caption caption;
    private final Path thumbnail;
    private final long thumbnailFrame;

    private long clipStart;
    private Long endFrame;
    private boolean thumbnailWritten;

    /**
     * @param name how errors refer to the clip, e.g. {@code clip 2 of 3 (intro.mp4)}
     * @param caption the caption to burn in, or null
     * @param thumbnail where to save output frame {@code thumbnailFrame} as a JPEG, or null for none; when the clip
     *     ends before that frame, its last frame is saved instead
     */
    ClipTranscoder(String name, Path file, boolean hasAudio, ShortEncoder encoder, int width, int height, int fps,
            FilterGraphs.Caption caption, Path thumbnail, long thumbnailFrame) {
        this.name = name;
        this.file = file;
        this.hasAudio = hasAudio;
        this.encoder = encoder;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.caption = caption;
        this.thumbnail = thumbnail;
        this.thumbnailFrame = thumbnailFrame;
    }

    /**
     * Appends the clip so that the output ends at frame {@code endFrame} (absolute), or, when null, for as long as
     * the clip's own streams last.
     *
     * @throws PermanentFailure when the clip cannot be opened or decoded, or has no pictures
     * @throws UncheckedIOException when filtering or encoding fails
     */
    void transcode(Long endFrame) {
        this.clipStart = encoder.framesWritten();
        this.endFrame = endFrame;
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(AV_PIX_FMT_BGR24);
        if (hasAudio) {
            // Interleaved float: JavaCV's converter crashes when asked for planar output with a channel change.
            grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
            grabber.setSampleRate(ShortEncoder.SAMPLE_RATE);
            grabber.setAudioChannels(ShortEncoder.CHANNELS);
        }
        FFmpegFrameFilter filter = null;
        try {
            try {
                grabber.start();
            } catch (IOException e) {
                throw new PermanentFailure("The " + name + " could not be opened: it is not a playable video", e);
            }
            if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
                throw new PermanentFailure("The " + name + " has no video picture");
            }
            filter = new FFmpegFrameFilter(FilterGraphs.normalize(grabber.getImageWidth(), grabber.getImageHeight(),
                    grabber.getAspectRatio(), width, height, caption), grabber.getImageWidth(), grabber.getImageHeight());
            filter.setPixelFormat(AV_PIX_FMT_BGR24);
            try {
                filter.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not set up the video filter for the " + name, e);
            }
            copy(grabber, filter);
        } finally {
            if (filter != null) {
                release(filter);
            }
            release(grabber);
        }
    }

    private void copy(FFmpegFrameGrabber grabber, FFmpegFrameFilter filter) {
        long audioLimit = endFrame == null ? Long.MAX_VALUE : encoder.samplesAt(endFrame);
        double sourceFrameSeconds = grabber.getFrameRate() > 0 ? 1 / grabber.getFrameRate() : 1.0 / fps;
        Long origin = null;
        boolean sawAudio = false;
        int decodedPictures = 0;
        double lastPictureTime = 0;
        Frame held = null;
        while (!slotFilled(audioLimit)) {
            Frame frame = grab(grabber);
            if (frame == null) {
                break;
            }
            if (origin == null) {
                origin = frame.timestamp;
            }
            if (frame.image != null) {
                // The first picture starts the clip even if its timestamp is a little late.
                double time = decodedPictures == 0 ? 0 : (frame.timestamp - origin) / 1e6;
                decodedPictures++;
                if (held != null) {
                    emitUntil(time, held);
                }
                if (!videoDone()) {
                    held = filter(filter, frame);
                    lastPictureTime = time;
                }
            } else if (frame.samples != null) {
                if (!sawAudio) {
                    sawAudio = true;
                    // Audio that starts after the picture begins with silence, so it stays in sync.
                    long gap = Math.round((frame.timestamp - origin) * (ShortEncoder.SAMPLE_RATE / 1e6));
                    encoder.writeSilence(Math.min(gap, audioLimit - encoder.samplesWritten()));
                }
                writeAudio(frame, audioLimit);
            }
        }
        if (held == null) {
            throw new PermanentFailure("The " + name + " has no decodable video frames");
        }
        long end = endFrame != null
                ? endFrame
                : clipStart + Math.max(1, Math.round((lastPictureTime + sourceFrameSeconds) * fps));
        if (endFrame == null) {
            // Without a known duration the longer stream decides; the picture freezes while audio plays on.
            while (encoder.samplesAt(end) < encoder.samplesWritten()) {
                end++;
            }
            this.endFrame = end;
        }
        while (encoder.framesWritten() < end) {
            emit(held);
        }
        if (thumbnail != null && !thumbnailWritten) {
            ThumbnailWriter.write(held, thumbnail);
            thumbnailWritten = true;
        }
        encoder.padAudioToVideo();
    }

    /** With a known end, reading stops once pictures and sound both fill the clip's slot; the rest is unused. */
    private boolean slotFilled(long audioLimit) {
        return videoDone() && (!hasAudio || encoder.samplesWritten() >= audioLimit);
    }

    private boolean videoDone() {
        return endFrame != null && encoder.framesWritten() >= endFrame;
    }

    /** Repeats {@code held} for every output slot that starts before the next picture at {@code time}. */
    private void emitUntil(double time, Frame held) {
        double halfFrame = 0.5 / fps;
        while (!videoDone() && (double) (encoder.framesWritten() - clipStart) / fps + halfFrame < time) {
            emit(held);
        }
    }

    private void emit(Frame picture) {
        if (thumbnail != null && !thumbnailWritten && encoder.framesWritten() == thumbnailFrame) {
            ThumbnailWriter.write(picture, thumbnail);
            thumbnailWritten = true;
        }
        encoder.writeVideo(picture);
        if (!hasAudio) {
            // Silence in step with the pictures keeps the muxer's interleaving buffer small.
            encoder.padAudioToVideo();
        }
    }

    private void writeAudio(Frame frame, long audioLimit) {
        if (frame.sampleRate != ShortEncoder.SAMPLE_RATE || frame.audioChannels != ShortEncoder.CHANNELS
                || !(frame.samples[0] instanceof FloatBuffer samples)) {
            throw new IllegalStateException("The " + name + " audio was not converted to 48 kHz stereo float");
        }
        encoder.writeAudio(samples, audioLimit - encoder.samplesWritten());
    }

    private Frame grab(FFmpegFrameGrabber grabber) {
        try {
            return grabber.grabFrame(hasAudio, true, true, false, false);
        } catch (IOException e) {
            throw new PermanentFailure("The " + name + " could not be decoded: the file is damaged", e);
        }
    }

    private Frame filter(FFmpegFrameFilter filter, Frame picture) {
        if (picture.imageChannels != 3 || picture.imageDepth != Frame.DEPTH_UBYTE) {
            throw new IllegalStateException("The " + name + " was not decoded to BGR24");
        }
        try {
            filter.push(picture, AV_PIX_FMT_BGR24);
            Frame filtered = filter.pull();
            if (filtered == null || filtered.image == null) {
                throw new IOException("the filter returned no picture");
            }
            return filtered;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not scale or caption a frame of the " + name, e);
        }
    }

    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (IOException ignored) {
            // Only frees native memory.
        }
    }

    private static void release(FFmpegFrameFilter filter) {
        try {
            filter.release();
        } catch (IOException ignored) {
            // Only frees native memory.
        }
    }
}
