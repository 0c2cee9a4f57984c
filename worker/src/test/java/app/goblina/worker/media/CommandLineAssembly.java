package app.goblina.worker.media;

import app.goblina.worker.media.CaptionOverlay.SceneCaption;
import app.goblina.worker.media.LoudnessMeter.Loudness;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ffmpeg} command line that does what {@link ShortAssembler} does, for the benchmark: the same
 * per-clip filter chains ({@link FilterGraphs#normalize}), crossfades ({@code xfade}, {@code acrossfade}), the same
 * caption filters (each enabled over its scene's window), the same two-pass loudness processing, and the same
 * encoder settings.
 *
 * <p>Debian's FFmpeg (5.1) has no {@code y_align} option on drawtext, so caption lines are positioned by their
 * tallest glyph there instead of by the font's ascent: a few pixels of difference, not a difference in work.
 */
final class CommandLineAssembly {

    private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS");
    private static final Pattern TRUE_PEAK = Pattern.compile("True peak:\\s+Peak:\\s+(-?[0-9.]+|-inf) dBFS");

    private final List<Path> clips;
    private final List<MediaInfo> infos;
    private final AssemblySettings settings;
    private final AssemblyPlan plan;

    CommandLineAssembly(List<Path> clips, List<MediaInfo> infos, AssemblySettings settings) {
        this.clips = List.copyOf(clips);
        this.infos = List.copyOf(infos);
        this.settings = settings;
        this.plan = AssemblyPlan.of(infos.stream().map(MediaInfo::durationSeconds).toList(), settings.fps(),
                settings.transition().seconds());
    }

    AssemblyPlan plan() {
        return plan;
    }

    /** Pass 1: the mixed sound through {@code ebur128}, to a null output. */
    List<String> measureCommand() {
        List<String> command = inputs();
        command.add("-filter_complex");
        command.add(audioGraph() + ";[abed]ebur128=peak=true[aout]");
        command.addAll(List.of("-map", "[aout]", "-f", "null", "-"));
        return command;
    }

    /** Reads pass 1's summary (stderr) back. */
    static Loudness parseMeasurement(String stderr) {
        int summary = stderr.lastIndexOf("Summary:");
        String text = summary >= 0 ? stderr.substring(summary) : stderr;
        Matcher integrated = INTEGRATED.matcher(text);
        Matcher peak = TRUE_PEAK.matcher(text.replaceAll("\\s+", " "));
        if (!integrated.find() || !peak.find()) {
            throw new IllegalStateException("no ebur128 summary in ffmpeg's output");
        }
        double truePeak = peak.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(peak.group(1));
        return new Loudness(Double.parseDouble(integrated.group(1)), truePeak);
    }

    /** Pass 2: the whole short, encoded like ours. */
    List<String> encodeCommand(List<SceneCaption> captions, LoudnessCorrection loudness, Path output) {
        List<String> command = inputs();
        command.add("-filter_complex");
        command.add(videoGraph(captions) + ";" + audioGraph() + ";[abed]" + AudioMaster.description(loudness)
                + ",aformat=sample_fmts=fltp[aout]");
        command.addAll(List.of("-map", "[vout]", "-map", "[aout]",
                "-c:v", H264Encoding.ENCODER, "-preset", H264Encoding.PRESET, "-crf", Integer.toString(H264Encoding.CRF),
                "-profile:v", H264Encoding.PROFILE, "-g", Integer.toString(H264Encoding.gopSize(settings.fps())),
                "-pix_fmt", "yuv420p", "-threads", "0",
                "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", "-color_range", "tv",
                "-c:a", "aac", "-b:a", Integer.toString(ShortEncoder.AUDIO_BITRATE),
                "-ar", Integer.toString(ShortEncoder.SAMPLE_RATE), "-ac", Integer.toString(ShortEncoder.CHANNELS),
                "-movflags", "+faststart", output.toString()));
        return command;
    }

    private List<String> inputs() {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "info"));
        for (Path clip : clips) {
            command.add("-i");
            command.add(clip.toString());
        }
        return command;
    }

    private String videoGraph(List<SceneCaption> captions) {
        StringBuilder graph = new StringBuilder();
        for (int i = 0; i < clips.size(); i++) {
            MediaInfo info = infos.get(i);
            graph.append(String.format(Locale.ROOT, "[%d:v]%s,trim=end_frame=%d,setpts=PTS-STARTPTS[v%d];", i,
                    FilterGraphs.normalize(info.width(), info.height(), 1, settings.width(), settings.height(),
                            settings.fps(), settings.fit(), FilterGraphs.SourceColour.BT709),
                    plan.frames(i), i));
        }
        String previous = "v0";
        if (allCuts()) {
            // One concat for all: the simplest graph the command line has for it.
            for (int i = 0; i < clips.size(); i++) {
                graph.append("[v").append(i).append(']');
            }
            graph.append("concat=n=").append(clips.size()).append(":v=1:a=0[joined];");
            previous = "joined";
        }
        for (int i = 1; i < clips.size() && !allCuts(); i++) {
            int fade = plan.fade(i - 1);
            String joined = "x" + i;
            if (fade > 0) {
                graph.append(String.format(Locale.ROOT, "[%s][v%d]xfade=transition=fade:duration=%.6f:offset=%.6f[%s];",
                        previous, i, (double) fade / settings.fps(), (double) plan.start(i) / settings.fps(), joined));
            } else {
                graph.append(String.format(Locale.ROOT, "[%s][v%d]concat=n=2:v=1:a=0[%s];", previous, i, joined));
            }
            previous = joined;
        }
        graph.append('[').append(previous).append(']').append("null");
        for (SceneCaption scene : captions) {
            if (scene.graph() == null) {
                continue;
            }
            String window = FilterGraphs.optionValue(String.format(Locale.ROOT, "between(t,%.4f,%.4f)",
                    (double) scene.startFrame() / settings.fps(), (scene.endFrame() - 0.5) / settings.fps()));
            for (String filter : splitFilters(scene.graph().replace(":y_align=font", ""))) {
                graph.append(',').append(filter).append(":enable=").append(window);
            }
        }
        return graph.append("[vout]").toString();
    }

    private String audioGraph() {
        StringBuilder graph = new StringBuilder();
        for (int i = 0; i < clips.size(); i++) {
            long samples = plan.sampleAt(plan.end(i)) - plan.sampleAt(plan.start(i));
            if (infos.get(i).hasAudio()) {
                graph.append(String.format(Locale.ROOT, "[%d:a]%s,apad,atrim=end_sample=%d,asetpts=N/SR/TB[a%d];", i,
                        AudioSource.TO_OUTPUT_FORMAT, samples, i));
            } else {
                graph.append(String.format(Locale.ROOT,
                        "anullsrc=r=%d:cl=stereo,aformat=sample_fmts=flt,atrim=end_sample=%d[a%d];",
                        ShortEncoder.SAMPLE_RATE, samples, i));
            }
        }
        String previous = "a0";
        if (allCuts()) {
            for (int i = 0; i < clips.size(); i++) {
                graph.append("[a").append(i).append(']');
            }
            graph.append("concat=n=").append(clips.size()).append(":v=0:a=1[ajoined];");
            previous = "ajoined";
        }
        for (int i = 1; i < clips.size() && !allCuts(); i++) {
            long overlap = plan.sampleAt(plan.end(i - 1)) - plan.sampleAt(plan.start(i));
            String joined = "y" + i;
            if (overlap > 0) {
                graph.append(String.format(Locale.ROOT, "[%s][a%d]acrossfade=ns=%d:c1=tri:c2=tri[%s];", previous, i,
                        overlap, joined));
            } else {
                graph.append(String.format(Locale.ROOT, "[%s][a%d]concat=n=2:v=0:a=1[%s];", previous, i, joined));
            }
            previous = joined;
        }
        return graph.append('[').append(previous).append("]anull[abed]").toString();
    }

    private boolean allCuts() {
        for (int i = 0; i + 1 < clips.size(); i++) {
            if (plan.fade(i) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Splits a filter chain at the commas that separate filters (not the escaped ones inside values). */
    static List<String> splitFilters(String chain) {
        List<String> filters = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < chain.length(); i++) {
            char c = chain.charAt(i);
            if (c == '\\' && i + 1 < chain.length()) {
                current.append(c).append(chain.charAt(++i));
            } else if (c == ',') {
                filters.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            filters.add(current.toString());
        }
        return filters;
    }
}
