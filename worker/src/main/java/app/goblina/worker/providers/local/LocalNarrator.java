package app.goblina.worker.providers.local;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.narration.NarrationRequest;
import app.goblina.narration.Narrator;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The narrator that needs no network and no key: speaks the line with espeak-ng (Debian package {@code espeak-ng},
 * GPL-3.0-or-later), run as a separate process: the program found on {@code PATH} (or the path configured), the
 * text on its standard input, never through a shell, the WAV written to a sibling {@code .part} file that becomes
 * {@code target} only once complete. The same line, voice and preset give the same audio, byte for byte.
 *
 * <p>The delivery follows the project's preset (an American English voice variant, speed and pitch for each); a
 * project's voice that names an espeak-ng voice with a region or a variant ({@code en-gb}, {@code en-us+m3}) is
 * used instead, and any other (OpenAI's {@code coral}, the default voice) leaves the preset's.
 *
 * <p>Without espeak-ng on this worker the adapter is not {@link #available()}, so the worker does not offer it;
 * asked to speak anyway, it fails permanently, naming the package to install. A run longer than
 * {@code goblina.espeak.timeout} is stopped and retried ({@link TransientFailure}); espeak-ng refusing the line
 * (an unknown voice) is a {@link PermanentFailure} with its own message.
 */
@Singleton
public class LocalNarrator implements Narrator {

    /** The Debian package that installs the program. */
    public static final String PACKAGE = "espeak-ng";
    /** The longest line spoken, as for OpenAI's speech. */
    static final int MAX_INPUT = 4096;
    static final String MEDIA_TYPE = "audio/wav";
    /** A RIFF header alone: a WAV no longer than this holds no sound. */
    private static final int WAV_HEADER_BYTES = 44;
    private static final int MAX_ERROR_CHARACTERS = 300;
    private static final Pattern ESPEAK_VOICE = Pattern.compile(
            "[a-z]{2,3}(?:-[a-z0-9]{1,8}){0,3}(?:\\+[a-z0-9]{1,16})?");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\n]]");

    /**
     * How a preset sounds.
     *
     * @param voice          espeak-ng's voice, with a variant after {@code +}
     * @param wordsPerMinute espeak-ng's {@code -s}
     * @param pitch          espeak-ng's {@code -p}, 0 to 99 (50 is its default)
     */
    record Delivery(String voice, int wordsPerMinute, int pitch) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LocalNarrator.class);
    private static final Delivery DEFAULT = new Delivery("en-us+f3", 170, 55);

    private final EspeakConfig config;
    private final Path program;

    public LocalNarrator(EspeakConfig config) {
        this.config = config;
        this.program = locate(config.program(), System.getenv("PATH")).orElse(null);
        if (program == null) {
            LOG.info("{} was not found ({}): this worker does not offer local narration; install the Debian package {}",
                    PACKAGE, config.program(), PACKAGE);
        }
    }

    @Override
    public String name() {
        return "local";
    }

    /** Whether espeak-ng was found when this worker started. */
    @Override
    public boolean available() {
        return program != null && Files.isExecutable(program);
    }

    @Override
    public String narrate(NarrationRequest request, Path target) {
        String text = request.text() == null ? "" : CONTROL.matcher(request.text()).replaceAll(" ").strip();
        if (text.isEmpty()) {
            throw new PermanentFailure("there is no narration text to speak");
        }
        if (text.length() > MAX_INPUT) {
            throw new PermanentFailure("the narration is " + text.length() + " characters; the local narrator speaks "
                    + "at most " + MAX_INPUT);
        }
        if (!available()) {
            throw notInstalled(null);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        Path errors = target.resolveSibling(target.getFileName() + ".err");
        try {
            speak(delivery(request), text, partial, errors);
            if (!Files.exists(partial) || Files.size(partial) <= WAV_HEADER_BYTES) {
                throw new PermanentFailure(PACKAGE + " produced no audio for the line");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return MEDIA_TYPE;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the narration audio", e);
        } finally {
            deleteQuietly(partial);
            deleteQuietly(errors);
        }
    }

    private void speak(Delivery delivery, String text, Path wav, Path errors) throws IOException {
        List<String> command = List.of(program.toString(), "-b", "1", "--stdin", "-v", delivery.voice(),
                "-s", Integer.toString(delivery.wordsPerMinute()), "-p", Integer.toString(delivery.pitch()),
                "-w", wav.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile()).start();
        } catch (IOException e) {
            throw notInstalled(e);
        }
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // it stopped reading: its exit status and message say why
            }
            if (!process.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new TransientFailure(PACKAGE + " did not finish speaking the line within " + config.timeout());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while " + PACKAGE + " was speaking the line", e);
        }
        if (process.exitValue() != 0) {
            throw new PermanentFailure(PACKAGE + " could not speak the line (exit " + process.exitValue() + ")"
                    + message(errors));
        }
    }

    /** The preset's delivery, with the project's voice when it names an espeak-ng voice. */
    static Delivery delivery(NarrationRequest request) {
        Delivery preset = request.preset() == null ? DEFAULT : switch (request.preset()) {
            case SASSY -> new Delivery("en-us+f3", 175, 62);
            case WHOLESOME -> new Delivery("en-us+f2", 160, 58);
            case CHAOTIC -> new Delivery("en-us+f4", 195, 72);
            case DEADPAN -> new Delivery("en-us+f1", 150, 38);
        };
        String voice = request.voice() == null ? "" : request.voice().strip();
        if ((voice.contains("-") || voice.contains("+")) && ESPEAK_VOICE.matcher(voice).matches()) {
            return new Delivery(voice, preset.wordsPerMinute(), preset.pitch());
        }
        return preset;
    }

    private PermanentFailure notInstalled(IOException cause) {
        return new PermanentFailure("the local narrator needs " + PACKAGE + ", which is not installed on this worker ("
                + config.program() + " was not found; install the Debian package " + PACKAGE
                + ": apt-get install " + PACKAGE + ")", cause);
    }

    /** The program: a path as given, or the first executable of that name in {@code searchPath}. */
    static Optional<Path> locate(String program, String searchPath) {
        if (program.contains(File.separator)) {
            Path path = Path.of(program);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static String message(Path errors) {
        try {
            String text = Files.exists(errors) ? Files.readString(errors, StandardCharsets.UTF_8).strip() : "";
            if (text.isEmpty()) {
                return "";
            }
            String line = text.lines().findFirst().orElse("").strip();
            return ": " + (line.length() > MAX_ERROR_CHARACTERS ? line.substring(0, MAX_ERROR_CHARACTERS) + "…" : line);
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover file in the job's scratch folder is removed with the folder
        }
    }
}
