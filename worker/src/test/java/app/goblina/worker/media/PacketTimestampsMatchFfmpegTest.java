package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import app.goblina.worker.media.PacketTimestamps.TimeBase;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stream-copy join computed its timestamps with FFmpeg's {@code av_rescale_q}; ours must agree with it. */
class PacketTimestampsMatchFfmpegTest {

    @Test
    void rescaling_agrees_with_av_rescale_q_on_timestamps_of_any_size_and_sign() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            // Up to 2^40 ticks between time bases of up to 2^11: both of FFmpeg's 64-bit branches.
            assertSameAsFfmpeg(random.nextLong(-(1L << 40), 1L << 40), timeBase(random, 1 << 11),
                    timeBase(random, 1 << 11));
        }
        for (int i = 0; i < 20_000; i++) {
            // Time bases of up to 2^20, whose products pass 2^31: FFmpeg's 128-bit branch.
            assertSameAsFfmpeg(random.nextLong(-(1L << 22), 1L << 22), timeBase(random, 1 << 20),
                    timeBase(random, 1 << 20));
        }
    }

    private static TimeBase timeBase(Random random, int bound) {
        return new TimeBase(1 + random.nextInt(bound), 1 + random.nextInt(bound));
    }

    private static void assertSameAsFfmpeg(long value, TimeBase from, TimeBase to) {
        long ffmpeg = av_rescale_q(value, av_make_q(from.num(), from.den()), av_make_q(to.num(), to.den()));

        assertThat(PacketTimestamps.rescale(value, from, to))
                .as("%d in %s to %s", value, from, to)
                .isEqualTo(ffmpeg);
    }
}
