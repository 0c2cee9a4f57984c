package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import org.bytedeco.javacv.FFmpegFrameRecorder;

/** The H.264 settings every MP4 this package writes shares: libx264, High profile, yuv420p, constant quality. */
final class H264Encoding {

    static final String ENCODER = "libx264";
    static final String PRESET = "veryfast";
    static final int CRF = 21;
    static final String PROFILE = "high";

    private H264Encoding() {}

    /** A key frame every two seconds: seekable, and cheap enough in bits. */
    static int gopSize(int fps) {
        return 2 * fps;
    }

    static void apply(FFmpegFrameRecorder recorder, int fps) {
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(ENCODER);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(gopSize(fps));
        // JavaCV defaults to a 400 kb/s target, which would override CRF's constant quality.
        recorder.setVideoBitrate(0);
        recorder.setVideoOption("preset", PRESET);
        recorder.setVideoOption("crf", Integer.toString(CRF));
        recorder.setVideoOption("profile", PROFILE);
        // moov before mdat, so players and uploads can start before the whole file is read.
        recorder.setOption("movflags", "+faststart");
    }
}
