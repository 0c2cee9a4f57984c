package app.goblina.worker.media;

import java.math.BigInteger;

/**
 * The timestamp arithmetic of {@link StreamCopyJoiner}: pure functions on FFmpeg's integer timestamps, so they can
 * be checked without FFmpeg. Times on the short's timeline are in microseconds; a packet's own timestamps are in
 * its stream's time base.
 */
final class PacketTimestamps {

    /** FFmpeg's {@code AV_NOPTS_VALUE}: the packet has no such timestamp. */
    static final long NONE = Long.MIN_VALUE;

    /** FFmpeg's {@code AV_TIME_BASE_Q}. */
    static final TimeBase MICROSECONDS = new TimeBase(1, 1_000_000);

    /** A stream's time base: one tick lasts {@code num / den} seconds. */
    record TimeBase(int num, int den) {}

    /**
     * A packet's timestamps.
     *
     * @param pts presentation time, or {@link #NONE}
     * @param dts decoding time (before the presentation time when the stream has B-frames)
     * @param duration how long the packet lasts; 0 when unknown
     */
    record PacketTimes(long pts, long dts, long duration) {}

    private PacketTimestamps() {}

    /**
     * {@code value} ticks of {@code from} in ticks of {@code to}, rounded to the nearest tick with halves away from
     * zero: what FFmpeg's {@code av_rescale_q} returns, including {@link Long#MIN_VALUE} when the result does not
     * fit or a time base is not positive.
     */
    static long rescale(long value, TimeBase from, TimeBase to) {
        return rescale(value, (long) from.num() * to.den(), (long) to.num() * from.den());
    }

    /** {@code value} ticks of {@code base} in microseconds. */
    static long toMicros(long value, TimeBase base) {
        return rescale(value, base, MICROSECONDS);
    }

    /** The presentation time, or the decoding time for a packet without one. */
    static long presentation(long pts, long dts) {
        return pts == NONE ? dts : pts;
    }

    /**
     * {@code packet} (timed in {@code source}) moved to {@code target} and shifted by {@code shiftMicros}, rounded
     * once in the target's ticks so every packet of a clip moves by the same amount; a missing presentation time
     * becomes the decoding time. A duration that is not positive is kept as it is, like {@code av_packet_rescale_ts}
     * keeps it.
     */
    static PacketTimes shift(PacketTimes packet, TimeBase source, TimeBase target, long shiftMicros) {
        long shift = rescale(shiftMicros, MICROSECONDS, target);
        long dts = rescale(packet.dts(), source, target);
        long pts = packet.pts() == NONE ? dts : rescale(packet.pts(), source, target);
        long duration = packet.duration() > 0 ? rescale(packet.duration(), source, target) : packet.duration();
        return new PacketTimes(pts + shift, dts + shift, duration);
    }

    /**
     * How much later than its own timing a clip's sound starts so that it does not overlap the sound before it:
     * by as much as that sound ran past {@code clipStart + firstSoundAt}, never earlier (a gap stays a gap).
     *
     * @param previousSoundEnd where the sound written so far ends, µs on the short's timeline
     * @param clipStart where the clip starts, µs on the short's timeline
     * @param firstSoundAt the clip's first sound packet, µs from the clip's start
     */
    static long soundDelay(long previousSoundEnd, long clipStart, long firstSoundAt) {
        return Math.max(0, previousSoundEnd - (clipStart + firstSoundAt));
    }

    /**
     * Whether a sound packet at {@code soundAt} (µs from its clip's start) is the encoder's priming before the
     * clip starts, heard if played in the middle of a short: only the first clip (at {@code clipStart} 0) keeps it,
     * where the MP4 edit list hides it.
     */
    static boolean isPrimingToDrop(long soundAt, long clipStart) {
        return soundAt < 0 && clipStart > 0;
    }

    /**
     * Whether a sound packet at {@code soundAt} (µs from its clip's start), delayed by {@code delay}, starts at or
     * after the clip's last picture ends ({@code pictureLength} µs): such sound is dropped, so it cannot push the
     * next clip's sound out of sync.
     */
    static boolean isPastPictures(long soundAt, long delay, long pictureLength) {
        return soundAt + delay >= pictureLength;
    }

    /**
     * Where the clip after one starting at {@code clipStart} starts: where its pictures end ({@code picturesEnd} µs
     * from its start, duration of the last picture included). A clip whose pictures end at 0 or before still moves
     * the next one by 1 µs, so timestamps keep increasing.
     */
    static long nextClipStart(long clipStart, long picturesEnd) {
        return clipStart + Math.max(picturesEnd, 1);
    }

    /** {@code av_rescale_rnd(a, b, c, AV_ROUND_NEAR_INF)}. */
    private static long rescale(long a, long b, long c) {
        if (c <= 0 || b < 0) {
            return Long.MIN_VALUE;
        }
        if (a < 0) {
            // Rounds the magnitude, so halves go away from zero on both sides.
            return -rescale(-Math.max(a, -Long.MAX_VALUE), b, c);
        }
        long half = c / 2;
        long product = a * b;
        if (Math.multiplyHigh(a, b) == 0 && product >= 0 && product <= Long.MAX_VALUE - half) {
            return (product + half) / c;
        }
        BigInteger exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).add(BigInteger.valueOf(half))
                .divide(BigInteger.valueOf(c));
        return exact.bitLength() < Long.SIZE ? exact.longValue() : Long.MIN_VALUE;
    }
}
