package app.goblina.launcher.cli;

import app.goblina.launcher.Display;
import app.goblina.launcher.client.ApiException;
import app.goblina.launcher.client.CharacterView;
import app.goblina.launcher.client.Failure;
import app.goblina.launcher.client.GoblinaClient;
import app.goblina.launcher.client.ProjectView;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One run of {@code ./goblina demo} against a Goblina's API: upload Ms. Goblina, wait for her analysis, create a
 * project, follow its progress, download the video to {@code out/} and show where the time went.
 */
final class DemoRun {

    static final String CHARACTER_NAME = "Ms. Goblina";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration CHARACTER_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration PROJECT_TIMEOUT = Duration.ofMinutes(30);
    /** Polls that may fail in a row (an API restart, a blip) before the demo gives up. */
    private static final int POLL_RETRIES = 10;

    private final GoblinaClient client;
    private final DemoOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final Path outDir;

    DemoRun(GoblinaClient client, DemoOptions options, PrintStream out, PrintStream err, Path outDir) {
        this.client = client;
        this.options = options;
        this.out = out;
        this.err = err;
        this.outDir = outDir;
    }

    /**
     * Runs the demo against the client's API.
     *
     * @return the exit code: 0 when the video was downloaded, 1 when the character or project failed
     */
    int makeShort(Path image) throws IOException, InterruptedException {
        long started = System.nanoTime();
        StageClock clock = new StageClock();

        out.println("Uploading " + Display.path(image) + " as \"" + CHARACTER_NAME + "\"...");
        clock.enter("analysis");
        CharacterView character = client.createCharacter(CHARACTER_NAME, image);
        out.println("Character " + character.id() + ": analysing her style...");
        character = awaitCharacter(character);
        if (!"READY".equals(character.status())) {
            Failure error = character.error();
            err.println("The character's analysis failed" + describe(error));
            return 1;
        }
        out.println("Character ready after " + Display.seconds(elapsed(started)) + ".");

        ProjectView project = client.createProject(character.id(), options.topic(), options.preset(),
                options.scenarios());
        out.println("Project " + project.id() + ": \"" + options.topic() + "\", preset " + options.preset() + ", "
                + options.scenarios() + " scenario" + (options.scenarios() == 1 ? "" : "s") + ".");
        project = followProject(project.id(), clock);
        clock.stop();

        int code;
        switch (project.status()) {
            case "DONE" -> {
                Path target = outDir.resolve(project.id() + ".mp4");
                long size = client.downloadVideo(project.id(), target);
                printScenarios(project.scenariosOrEmpty());
                out.println();
                out.println("Video: " + Display.path(target) + " (" + Display.bytes(size) + describe(project.video())
                        + ")");
                code = 0;
            }
            case "FAILED" -> {
                err.println("The project failed" + describe(project.error()));
                code = 1;
            }
            default -> {
                err.println("The project was " + project.status().toLowerCase(Locale.ROOT) + ".");
                code = 1;
            }
        }
        out.println();
        out.println("Where the time went (job timings from the API, wall time as seen by this demo):");
        out.print(TimingsTable.render(TimingsTable.aggregate(project.timingsOrEmpty()), clock.durations(),
                elapsed(started)));
        return code;
    }

    private CharacterView awaitCharacter(CharacterView created) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CHARACTER_TIMEOUT.toNanos();
        CharacterView character = created;
        int failures = 0;
        while (!"READY".equals(character.status()) && !"FAILED".equals(character.status())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Gave up after " + CHARACTER_TIMEOUT.toMinutes() + " min: character "
                        + created.id() + " is still " + character.status() + ".");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
            try {
                character = client.character(created.id());
                failures = 0;
            } catch (IOException e) {
                failures = retryOrThrow(e, failures);
            }
        }
        return character;
    }

    private ProjectView followProject(String id, StageClock clock) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PROJECT_TIMEOUT.toNanos();
        ProgressLine line = new ProgressLine(err, Terminal.isInteractive());
        int failures = 0;
        try {
            while (true) {
                ProjectView project;
                try {
                    project = client.project(id);
                    failures = 0;
                } catch (IOException e) {
                    failures = retryOrThrow(e, failures);
                    Thread.sleep(POLL_INTERVAL.toMillis());
                    continue;
                }
                if (project.finished()) {
                    line.show(ProgressBar.render(project.progress() == null ? 0 : project.progress(),
                            project.status().toLowerCase(Locale.ROOT)));
                    return project;
                }
                clock.enter(stageOf(project));
                line.show(ProgressBar.render(project.progress() == null ? 0 : project.progress(), label(project)));
                if (System.nanoTime() > deadline) {
                    throw new IOException("Gave up after " + PROJECT_TIMEOUT.toMinutes() + " min: project " + id
                            + " is still " + project.status() + "; it goes on, see GET /v1/projects/" + id + ".");
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } finally {
            line.finish();
        }
    }

    /** Server errors and lost connections are retried a few times; a client error is the demo's bug, not retried. */
    private static int retryOrThrow(IOException e, int failuresSoFar) throws IOException {
        boolean clientError = e instanceof ApiException api && api.status() < 500;
        if (clientError || failuresSoFar + 1 >= POLL_RETRIES) {
            throw e;
        }
        return failuresSoFar + 1;
    }

    /** The stage a running project is in; QUEUED counts as analysis, as the API defines it. */
    static String stageOf(ProjectView project) {
        if (project.stage() != null) {
            return project.stage();
        }
        return switch (project.status()) {
            case "WRITING" -> "scenarios";
            case "GENERATING" -> "clips";
            case "ASSEMBLING" -> "assembly";
            default -> "analysis";
        };
    }

    /** The text after the bar, e.g. {@code generating (clips 1/3 ready)}. */
    static String label(ProjectView project) {
        String label = project.status().toLowerCase(Locale.ROOT);
        List<ProjectView.Scenario> scenarios = project.scenariosOrEmpty();
        if ("GENERATING".equals(project.status()) && !scenarios.isEmpty()) {
            long ready = scenarios.stream()
                    .filter(s -> s.clip() != null && "READY".equals(s.clip().status()))
                    .count();
            label += " (clips " + ready + "/" + scenarios.size() + " ready)";
        }
        return label;
    }

    private void printScenarios(List<ProjectView.Scenario> scenarios) {
        if (scenarios.isEmpty()) {
            return;
        }
        out.println();
        out.println("Scenarios:");
        int n = 1;
        for (ProjectView.Scenario scenario : scenarios) {
            out.println("  " + n++ + ". " + Optional.ofNullable(scenario.title()).orElse("(untitled)")
                    + (scenario.caption() == null ? "" : " - \"" + scenario.caption() + "\""));
        }
    }

    private static String describe(Failure error) {
        if (error == null) {
            return ".";
        }
        return " in stage " + error.stage() + ": " + error.reason();
    }

    private static String describe(ProjectView.Video video) {
        if (video == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        if (video.durationSeconds() != null) {
            text.append(", ").append(String.format(Locale.ROOT, "%.1f s", video.durationSeconds()));
        }
        if (video.width() != null && video.height() != null) {
            text.append(", ").append(video.width()).append('x').append(video.height());
        }
        return text.toString();
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
