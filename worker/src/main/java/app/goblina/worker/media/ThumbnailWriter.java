package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Saves one yuv420p frame as a JPEG. */
final class ThumbnailWriter {

    private static final float QUALITY = 0.88f;

    private ThumbnailWriter() {}

    /** @throws UncheckedIOException when the conversion or the file write fails */
    static void write(Frame yuv420p, Path target) {
        FFmpegFrameFilter toBgr = new FFmpegFrameFilter("format=pix_fmts=bgr24", yuv420p.imageWidth,
                yuv420p.imageHeight);
        toBgr.setPixelFormat(AV_PIX_FMT_YUV420P);
        try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
            toBgr.start();
            toBgr.push(yuv420p, AV_PIX_FMT_YUV420P);
            Frame bgr = toBgr.pull();
            if (bgr == null || bgr.image == null) {
                throw new IOException("the colour conversion produced no picture");
            }
            writeJpeg(converter.getBufferedImage(bgr), target);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the thumbnail " + target.getFileName(), e);
        } finally {
            try {
                toBgr.release();
            } catch (IOException ignored) {
                // Only frees native memory.
            }
        }
    }

    private static void writeJpeg(BufferedImage image, Path target) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(target.toFile())) {
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(QUALITY);
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } finally {
            writer.dispose();
        }
    }
}
