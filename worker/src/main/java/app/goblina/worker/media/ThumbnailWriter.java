package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Saves one yuv420p frame as a still image: WebP (libwebp) when the target's name ends in {@code .webp}, JPEG
 * otherwise.
 */
final class ThumbnailWriter {

    private static final float JPEG_QUALITY = 0.88f;
    private static final String WEBP_QUALITY = "85";

    private ThumbnailWriter() {}

    static boolean isWebp(Path target) {
        return target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".webp");
    }

    /** @throws UncheckedIOException when the conversion, the encoding or the file write fails */
    static void write(AVFrame picture, Path target) {
        if (isWebp(target)) {
            writeWebp(picture, target);
        } else {
            writeJpeg(toImage(picture), target);
        }
    }

    /** The frame as a standalone RGB image, converted with its own colour tags (BT.709 here). */
    static BufferedImage toImage(AVFrame picture) {
        int width = picture.width();
        int height = picture.height();
        AVFrame bgr = av_frame_alloc();
        try (FilterGraph graph = FilterGraph.video("thumbnail", "format=pix_fmts=bgr24", picture,
                av_make_q(1, 1))) {
            long pts = picture.pts();
            picture.pts(0);
            graph.push(picture);
            picture.pts(pts);
            graph.end(1);
            if (!graph.pull(bgr)) {
                throw new UncheckedIOException(new IOException("the colour conversion produced no picture"));
            }
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            int stride = bgr.linesize(0);
            ByteBuffer data = bgr.data(0).capacity((long) stride * height).asBuffer();
            for (int y = 0; y < height; y++) {
                data.get(y * stride, pixels, y * width * 3, width * 3);
            }
            return image;
        } finally {
            av_frame_free(bgr);
        }
    }

    private static void writeJpeg(BufferedImage image, Path target) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(target.toFile())) {
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the thumbnail " + target.getFileName(), e);
        } finally {
            writer.dispose();
        }
    }

    private static void writeWebp(AVFrame picture, Path target) {
        AVCodec codec = avcodec_find_encoder_by_name("libwebp");
        if (codec == null) {
            throw new IllegalStateException("This FFmpeg build has no WebP encoder");
        }
        AVCodecContext encoder = avcodec_alloc_context3(codec);
        AVPacket packet = av_packet_alloc();
        AVDictionary options = new AVDictionary(null);
        try {
            encoder.width(picture.width());
            encoder.height(picture.height());
            encoder.pix_fmt(AV_PIX_FMT_YUV420P);
            encoder.time_base(av_make_q(1, 1));
            av_dict_set(options, "quality", WEBP_QUALITY, 0);
            FfmpegStatus.check(avcodec_open2(encoder, codec, options), "Opening the WebP encoder");
            long pts = picture.pts();
            picture.pts(0);
            FfmpegStatus.check(avcodec_send_frame(encoder, picture), "Encoding the thumbnail");
            picture.pts(pts);
            FfmpegStatus.check(avcodec_send_frame(encoder, null), "Encoding the thumbnail");
            FfmpegStatus.check(avcodec_receive_packet(encoder, packet), "Encoding the thumbnail");
            byte[] bytes = new byte[packet.size()];
            packet.data().get(bytes);
            Files.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the thumbnail " + target.getFileName(), e);
        } finally {
            av_dict_free(options);
            av_packet_free(packet);
            avcodec_free_context(encoder);
        }
    }
}
