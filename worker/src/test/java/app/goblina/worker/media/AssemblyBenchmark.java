package app.goblina.worker.media;

import app.goblina.worker.media.CaptionOverlay.SceneCaption;
import app.goblina.worker.media.LoudnessMeter.Loudness;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import app.goblina.worker.media.ShortAssembler.AssembledShort;
import app.goblina.worker.media.ShortAssembler.AssemblyClip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Our assembly against the {@code ffmpeg} command line doing the same work (see {@link CommandLineAssembly}), on
 * the same generated inputs, at 1080x1920 30 fps with captions, crossfades (and, in one case, cuts) and loudness
 * normalization; plus the fast path (stream copy) on clips already in the short's format.
 *
 * <p>Run it with {@code infra/benchmarks/assembly.sh}; arguments: {@code [work directory] [--repeat N] [--quick]}.
 * With {@code --repeat N} each measurement is taken N times, alternating the two sides, and the median is printed;
 * {@code --quick} runs only the smallest case and the fast path.
 *
 * <p>A program, not a test: every build compiles it with the worker's tests, so it cannot break unseen, and only
 * the script runs it (in its own JVM, with the worker's heap limit). It sits in the media package because the
 * command line it compares against is built from the package's own filter strings, plan and loudness rules.
 */
public final class AssemblyBenchmark {

    private static final int WIDTH = 1080;
    private static final int HEIGHT = 1920;
    private static final int FPS = 30;

    /** A clip format the benchmark generates: providers return all sorts. */
    private record Format(int width, int height, int fps, int toneHz, int sampleRate, int channels) {
        String name(double seconds) {
            return String.format(Locale.ROOT, "%dx%d-%dfps-%s-%.0fs.mp4", width, height, fps,
                    toneHz > 0 ? "tone" + toneHz : "silent", seconds);
        }
    }

    private static final List<Format> FORMATS = List.of(
            new Format(1080, 1920, 30, 440, 48_000, 2),
            new Format(720, 1280, 25, 0, 0, 0),
            new Format(1280, 720, 24, 660, 44_100, 1),
            new Format(1080, 1080, 30, 0, 0, 0),
            new Format(1920, 1080, 60, 550, 48_000, 2),
            new Format(540, 960, 30, 330, 44_100, 2),
            new Format(1080, 1350, 25, 0, 0, 0),
            new Format(960, 540, 30, 770, 32_000, 1));

    private static final String[] CAPTIONS = {
        "Ms. Goblina wakes up and chooses chaos",
        "First stop: the swamp market, where the mushrooms are suspiciously cheap",
        "She haggles. The mushroom seller cries.",
        "Plot twist: the mushrooms were the friends we made along the way",
        "Back home, she brews something that glows",
        "It tastes like victory and a little like socks",
        "Tomorrow: world domination, or a nap",
        "Follow for more goblin wisdom",
    };

    private record Case(String name, List<Path> clips, Transition transition) {}

    /**
     * One run: wall and CPU seconds, peak memory, the short's length, and the peak RSS in each quarter of the run's
     * time (flat memory shows as four similar figures).
     */
    private record Measurement(double seconds, double cpuSeconds, long peakRssBytes, long peakHeapBytes,
            double outputSeconds, long[] rssByQuarter) {}

    /** The command line's wall and CPU seconds. */
    private record Timing(double seconds, double cpuSeconds) {}

    private final Path work;
    private final int repeat;
    private final boolean quick;

    private AssemblyBenchmark(Path work, int repeat, boolean quick) {
        this.work = work;
        this.repeat = repeat;
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of("infra/benchmarks/target/work");
        int repeat = 1;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--repeat")) {
                repeat = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--quick")) {
                quick = true;
            } else {
                work = Path.of(args[i]);
            }
        }
        new AssemblyBenchmark(work.toAbsolutePath(), repeat, quick).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work.resolve("inputs"));
        Files.createDirectories(work.resolve("out"));
        System.out.println("Generating inputs in " + work.resolve("inputs") + " ...");
        List<Path> fours = new ArrayList<>();
        for (Format format : FORMATS) {
            fours.add(generate(format, 4));
        }
        List<Path> eights = new ArrayList<>();
        for (Format format : FORMATS) {
            eights.add(generate(format, 8));
        }
        List<Path> threeMinutes = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            threeMinutes.add(fours.get(i % fours.size()));
        }
        List<Path> joinable = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            joinable.add(generateJoinable(i));
        }
        List<Path> fastPathClips = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            fastPathClips.add(joinable.get(i % joinable.size()));
        }

        // The last case repeats the 3-minute one with cuts: the command line's chain of xfade filters costs it far
        // more than our crossfades cost us, and cuts compare everything else on its own.
        List<Case> cases = List.of(
                new Case("3 x 4 s", List.of(fours.get(0), fours.get(1), fours.get(2)), Transition.crossfade()),
                new Case("8 x 8 s", eights, Transition.crossfade()),
                new Case("45 x 4 s (3 min)", threeMinutes, Transition.crossfade()),
                new Case("45 x 4 s, cuts", threeMinutes, Transition.cut()));
        if (quick) {
            cases = cases.subList(0, 1);
        }

        System.out.printf(Locale.ROOT, "Cores: %d, JVM max heap: %d MiB, %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, ffmpegVersion());
        System.out.println("Warming up (3 x 4 s, both sides, not counted) ...");
        ours(cases.getFirst(), "warmup");
        commandLine(cases.getFirst(), "warmup");

        List<String> rows = new ArrayList<>();
        List<String> memory = new ArrayList<>();
        for (Case benchCase : cases) {
            System.out.println("Running " + benchCase.name() + " ...");
            List<Measurement> oursRuns = new ArrayList<>();
            List<Timing> cliRuns = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                // Alternating which side goes first evens out drift in the machine's load.
                if (i % 2 == 0) {
                    cliRuns.add(commandLine(benchCase, "cli"));
                    oursRuns.add(ours(benchCase, "ours"));
                } else {
                    oursRuns.add(ours(benchCase, "ours"));
                    cliRuns.add(commandLine(benchCase, "cli"));
                }
            }
            Measurement ours = oursRuns.stream().sorted(Comparator.comparingDouble(Measurement::seconds))
                    .toList().get(oursRuns.size() / 2);
            Timing cli = cliRuns.stream().sorted(Comparator.comparingDouble(Timing::seconds)).toList()
                    .get(cliRuns.size() / 2);
            double output = ours.outputSeconds();
            rows.add(String.format(Locale.ROOT,
                    "| %-18s | %8.1f | %8.2f | %8.2f | %6.3f | %7.2fx | %7.2fx | %8.1f | %8.1f | %6.3f | %7d | %8d |",
                    benchCase.name(), output, ours.seconds(), cli.seconds(), ours.seconds() / cli.seconds(),
                    output / ours.seconds(), output / cli.seconds(), ours.cpuSeconds(), cli.cpuSeconds(),
                    ours.cpuSeconds() / cli.cpuSeconds(), ours.peakRssBytes() >> 20, ours.peakHeapBytes() >> 20));
            memory.add(String.format(Locale.ROOT, "  %-18s peak RSS by quarter of the run: %s MiB", benchCase.name(),
                    Arrays.stream(ours.rssByQuarter()).mapToObj(bytes -> Long.toString(bytes >> 20))
                            .reduce((a, b) -> a + " / " + b).orElse("")));
        }

        System.out.println("Running the fast path (45 x 4 s already in the short's format, stream copy) ...");
        List<Measurement> fastRuns = new ArrayList<>();
        List<Timing> concatRuns = new ArrayList<>();
        for (int i = 0; i < Math.max(3, repeat); i++) {
            fastRuns.add(fastPath(fastPathClips));
            concatRuns.add(concatCopy(fastPathClips));
        }
        Measurement fast = fastRuns.stream().sorted(Comparator.comparingDouble(Measurement::seconds)).toList()
                .get(fastRuns.size() / 2);
        Timing concat = concatRuns.stream().sorted(Comparator.comparingDouble(Timing::seconds)).toList()
                .get(concatRuns.size() / 2);

        System.out.println();
        System.out.println("| case               | output s | ours s   | ffmpeg s | ratio  | ours xRT | ffm xRT  "
                + "| ours CPU | ffm CPU  | CPU r. | RSS MiB | heap MiB |");
        System.out.println("|--------------------|----------|----------|----------|--------|----------|----------"
                + "|----------|----------|--------|---------|----------|");
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT,
                "| %-18s | %8.1f | %8.2f | %8.2f | %6.3f | %7.1fx | %7.1fx | %8.2f | %8.2f | %6.3f | %7d | %8d |%n",
                "fast path (copy)", fast.outputSeconds(), fast.seconds(), concat.seconds(),
                fast.seconds() / concat.seconds(), fast.outputSeconds() / fast.seconds(),
                fast.outputSeconds() / concat.seconds(), fast.cpuSeconds(), concat.cpuSeconds(),
                fast.cpuSeconds() / concat.cpuSeconds(), fast.peakRssBytes() >> 20, fast.peakHeapBytes() >> 20);
        System.out.println();
        memory.forEach(System.out::println);
        System.out.println();
        System.out.println("ratio = ours / ffmpeg wall time (target <= 1.15 when re-encoding); xRT = output seconds per"
                + " wall second; CPU = user + system seconds of all threads (ours: this JVM; ffmpeg: its processes),"
                + " less sensitive than wall time to other load on the machine; RSS = this JVM's peak resident memory"
                + " during our run (VmHWM, reset before each run); heap = peak Java heap in use."
                + " Fast path row: ffmpeg = concat demuxer with -c copy.");
        System.out.println("Each figure is the median of " + repeat + " run(s) (fast path: " + Math.max(3, repeat)
                + "); re-encoding cases include both loudness passes on both sides.");
    }

    private Measurement ours(Case benchCase, String tag) {
        Path out = work.resolve("out").resolve(tag + "-ours.mp4");
        List<AssemblyClip> clips = new ArrayList<>();
        for (int i = 0; i < benchCase.clips().size(); i++) {
            clips.add(new AssemblyClip(benchCase.clips().get(i), CAPTIONS[i % CAPTIONS.length]));
        }
        AssemblySettings settings = AssemblySettings.builder(work.resolve("scratch")).size(WIDTH, HEIGHT).fps(FPS)
                .transition(benchCase.transition()).build();
        return measure(() -> new ShortAssembler().assemble(clips, settings, out, work.resolve("out")
                .resolve(tag + "-ours.jpg")));
    }

    private Measurement fastPath(List<Path> files) {
        Path out = work.resolve("out").resolve("fast-path.mp4");
        List<AssemblyClip> clips = files.stream().map(file -> new AssemblyClip(file, null)).toList();
        AssemblySettings settings = AssemblySettings.builder(work.resolve("scratch")).size(WIDTH, HEIGHT).fps(FPS)
                .transition(Transition.cut()).burnCaptions(false).normalizeLoudness(false).build();
        Measurement measurement = measure(() -> new ShortAssembler().assemble(clips, settings, out,
                work.resolve("out").resolve("fast-path.jpg")));
        AssembledShort check = new ShortAssembler().assemble(clips, settings, out,
                work.resolve("out").resolve("fast-path.jpg"));
        if (!check.streamCopied()) {
            throw new IllegalStateException("the fast path was not taken");
        }
        return measurement;
    }

    private interface Assembly {
        AssembledShort run();
    }

    private Measurement measure(Assembly assembly) {
        System.gc();
        resetPeakRss();
        AtomicLong peakHeap = new AtomicLong();
        List<long[]> rssSamples = new ArrayList<>();
        long start = System.nanoTime();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            Runtime runtime = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                synchronized (rssSamples) {
                    rssSamples.add(new long[] {System.nanoTime() - start, currentRss()});
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        double cpuBefore = cpuSeconds(false);
        AssembledShort result = assembly.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = cpuSeconds(false) - cpuBefore;
        sampler.interrupt();
        long[] quarters = new long[4];
        synchronized (rssSamples) {
            for (long[] sample : rssSamples) {
                int quarter = (int) Math.min(3, sample[0] * 4 / Math.max(1, (long) (seconds * 1e9)));
                quarters[quarter] = Math.max(quarters[quarter], sample[1]);
            }
        }
        return new Measurement(seconds, cpu, peakRss(), peakHeap.get(), result.durationSeconds(), quarters);
    }

    /** Runs both passes of the command line (measure, then encode) and returns their total wall and CPU time. */
    private Timing commandLine(Case benchCase, String tag) throws IOException, InterruptedException {
        Path out = work.resolve("out").resolve(tag + "-ffmpeg.mp4");
        MediaProbe probe = new MediaProbe();
        List<MediaInfo> infos = benchCase.clips().stream().map(probe::probe).toList();
        AssemblySettings settings = AssemblySettings.builder(work.resolve("scratch")).size(WIDTH, HEIGHT).fps(FPS)
                .transition(benchCase.transition()).build();
        double cpuBefore = cpuSeconds(true);
        long start = System.nanoTime();
        CommandLineAssembly cli = new CommandLineAssembly(benchCase.clips(), infos, settings);
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < benchCase.clips().size(); i++) {
            captions.add(CAPTIONS[i % CAPTIONS.length]);
        }
        List<SceneCaption> scenes = CaptionScenes.layOut(captions,
                benchCase.clips().stream().map(clip -> 0.0).toList(), cli.plan(), WIDTH, HEIGHT,
                settings.captionLook(), false);
        Loudness measured = CommandLineAssembly.parseMeasurement(exec(cli.measureCommand()));
        LoudnessCorrection correction = LoudnessCorrection.of(measured, settings.targetLufs(), settings.truePeakDb());
        exec(cli.encodeCommand(scenes, correction, out));
        return new Timing((System.nanoTime() - start) / 1e9, cpuSeconds(true) - cpuBefore);
    }

    private Timing concatCopy(List<Path> files) throws IOException, InterruptedException {
        Path list = work.resolve("out").resolve("concat.txt");
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            text.append("file '").append(file).append("'\n");
        }
        Files.writeString(list, text);
        double cpuBefore = cpuSeconds(true);
        long start = System.nanoTime();
        exec(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y", "-f", "concat", "-safe", "0", "-i", list.toString(),
                "-c", "copy", "-movflags", "+faststart", work.resolve("out").resolve("concat.mp4").toString()));
        return new Timing((System.nanoTime() - start) / 1e9, cpuSeconds(true) - cpuBefore);
    }

    private Path generate(Format format, double seconds) throws IOException, InterruptedException {
        Path file = work.resolve("inputs").resolve(format.name(seconds));
        if (Files.exists(file)) {
            return file;
        }
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y", "-f", "lavfi", "-i",
                String.format(Locale.ROOT, "testsrc2=s=%dx%d:r=%d:d=%s,noise=alls=5:allf=t", format.width(),
                        format.height(), format.fps(), seconds)));
        if (format.toneHz() > 0) {
            command.addAll(List.of("-f", "lavfi", "-i", String.format(Locale.ROOT,
                    "sine=f=%d:r=%d:d=%s,volume=-12dB", format.toneHz(), format.sampleRate(), seconds)));
        }
        command.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
                "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709"));
        if (format.toneHz() > 0) {
            command.addAll(List.of("-c:a", "aac", "-ac", Integer.toString(format.channels()), "-shortest"));
        }
        command.add(file.toString());
        exec(command);
        return file;
    }

    /** A clip already in the short's format, all three made with identical encoder settings. */
    private Path generateJoinable(int index) throws IOException, InterruptedException {
        Path file = work.resolve("inputs").resolve("joinable-" + index + ".mp4");
        if (Files.exists(file)) {
            return file;
        }
        exec(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y", "-f", "lavfi", "-i",
                String.format(Locale.ROOT, "testsrc2=s=%dx%d:r=%d:d=4,noise=alls=5:allf=t,hue=h=%d", WIDTH, HEIGHT, FPS,
                        index * 90),
                "-f", "lavfi", "-i", "sine=f=" + (300 + 100 * index) + ":r=48000:d=4",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-profile:v", "high", "-pix_fmt", "yuv420p",
                "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
                "-c:a", "aac", "-ar", "48000", "-ac", "2", "-shortest", file.toString()));
        return file;
    }

    /** Runs a command, returns its standard error; fails when it fails. */
    private String exec(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "ffmpeg-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int status = process.waitFor();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (status != 0) {
                throw new IllegalStateException("ffmpeg failed (" + status + "): " + String.join(" ", command) + "\n"
                        + output.substring(Math.max(0, output.length() - 3000)));
            }
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String ffmpegVersion() {
        try {
            Process process = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
            String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .findFirst().orElse("ffmpeg ?");
            process.waitFor();
            return first.replaceAll(" Copyright.*", "") + " (command line) vs FFmpeg "
                    + org.bytedeco.ffmpeg.global.avutil.av_version_info().getString() + " (ours, in process)";
        } catch (IOException | InterruptedException e) {
            return "ffmpeg ?";
        }
    }

    /** Resets the kernel's peak-RSS mark for this process (Linux 4.0+), so VmHWM covers one run only. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException e) {
            // Not Linux, or not allowed: the peak then covers the whole process so far.
        }
    }

    /**
     * CPU seconds (user + system) used so far by this process's threads, or, with {@code children}, by the child
     * processes it has waited for (the kernel adds a child's time to its parent when it is reaped).
     */
    private static double cpuSeconds(boolean children) {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name (which is in parentheses and may contain spaces).
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime, stime, cutime, cstime are fields 14 to 17 of the whole line: 12 to 15 here.
            int first = children ? 13 : 11;
            return (Long.parseLong(fields[first]) + Long.parseLong(fields[first + 1])) / CLOCK_TICKS;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** USER_HZ: the unit of /proc times, 100 on Linux. */
    private static final double CLOCK_TICKS = 100.0;

    private static long currentRss() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long peakRss() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElse(0L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static {
        // Keeps the benchmark's own output readable: FFmpeg's info logs (encoder statistics) are not needed here.
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
    }
}
