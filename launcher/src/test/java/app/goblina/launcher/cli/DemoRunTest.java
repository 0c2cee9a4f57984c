package app.goblina.launcher.cli;

import app.goblina.launcher.client.FakeGoblinaApi;
import app.goblina.launcher.client.GoblinaClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoRunTest {

    private static final String TIMINGS = """
            [{"job":"WriteScenarios","stage":"scenarios","waitSeconds":1.4,"runSeconds":0.2},
             {"job":"SubmitClip","stage":"clips","waitSeconds":0.5,"runSeconds":0.1},
             {"job":"PollClip","stage":"clips","waitSeconds":1.5,"runSeconds":3.0},
             {"job":"AssembleShort","stage":"assembly","waitSeconds":0.2,"runSeconds":2.0}]""";

    @TempDir
    Path dir;

    private FakeGoblinaApi api;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path image;

    @BeforeEach
    void start() throws Exception {
        api = new FakeGoblinaApi();
        image = dir.resolve("ms-goblina.png");
        Files.write(image, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        api.on("POST", "/v1/characters", r -> FakeGoblinaApi.Answer.json(202, "{\"id\":\"c1\",\"status\":\"ANALYZING\"}"));
        api.on("GET", "/v1/characters/c1", sequence(
                "{\"id\":\"c1\",\"name\":\"Ms. Goblina\",\"status\":\"ANALYZING\",\"styleGuide\":null,\"error\":null}",
                "{\"id\":\"c1\",\"name\":\"Ms. Goblina\",\"status\":\"READY\",\"styleGuide\":{\"palette\":[]},\"error\":null}"));
        api.on("POST", "/v1/projects", r -> FakeGoblinaApi.Answer.json(202, "{\"id\":\"p1\",\"status\":\"QUEUED\"}"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void the_demo_follows_a_project_to_the_end_saves_the_video_and_shows_where_the_time_went() throws Exception {
        api.on("GET", "/v1/projects/p1", sequence(
                project("QUEUED", "analysis", 0, "[]", "null", "null"),
                project("WRITING", "scenarios", 5, "[]", "null", "null"),
                project("GENERATING", "clips", 45, scenarios("READY", "RUNNING"), "null", "null"),
                project("ASSEMBLING", "assembly", 85, scenarios("READY", "READY"), "null", "null"),
                project("DONE", "assembly", 100, scenarios("READY", "READY"), "null",
                        "{\"durationSeconds\":12.5,\"width\":1080,\"height\":1920,\"url\":\"/v1/projects/p1/video\"}")));
        byte[] video = "mp4 bytes".getBytes(StandardCharsets.UTF_8);
        api.on("GET", "/v1/projects/p1/video", r -> new FakeGoblinaApi.Answer(200, "video/mp4", video, Map.of()));

        int code = demo(DemoOptions.parse("--scenarios", "2")).makeShort(image);

        assertThat(code).isZero();
        assertThat(dir.resolve("out").resolve("p1.mp4")).hasBinaryContent(video);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("Character c1", "Project p1", "p1.mp4 (9 B, 12.5 s, 1080x1920)")
                .contains("1. Espresso ambush - \"Caption 1\"");
        assertThat(printed.lines().filter(line -> line.startsWith("clips")).findFirst().orElseThrow().split("\\s+"))
                .startsWith("clips", "2", "3.10", "1.50", "1.00");
        assertThat(printed).contains("total wall time:");
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .contains("[#-------------------]   5% writing", "[####################] 100% done")
                .anySatisfy(line -> assertThat(line).contains("45% generating (clips 1/2 ready)"));
        assertThat(new String(api.only("POST", "/v1/projects").body(), StandardCharsets.UTF_8))
                .contains("\"topic\":\"why goblins make the best baristas\"", "\"preset\":\"sassy\"",
                        "\"scenarioCount\":2");
    }

    @Test
    void a_failed_project_prints_the_stage_and_reason_and_exits_with_1() throws Exception {
        api.on("GET", "/v1/projects/p1", sequence(
                project("WRITING", "scenarios", 5, "[]", "null", "null"),
                project("FAILED", "scenarios", 0, "[]",
                        "{\"stage\":\"scenarios\",\"reason\":\"the writer refused the topic\"}", "null")));

        int code = demo(DemoOptions.parse()).makeShort(image);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("The project failed in stage scenarios: the writer refused the topic");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void a_character_whose_analysis_fails_stops_the_demo_before_any_project() throws Exception {
        api.on("GET", "/v1/characters/c1", r -> FakeGoblinaApi.Answer.json(200, """
                {"id":"c1","name":"Ms. Goblina","status":"FAILED","styleGuide":null,
                 "error":{"stage":"analysis","reason":"no face found"}}"""));

        int code = demo(DemoOptions.parse()).makeShort(image);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("in stage analysis: no face found");
        assertThat(api.requests()).noneMatch(r -> r.path().equals("/v1/projects"));
    }

    private DemoRun demo(DemoOptions options) {
        return new DemoRun(GoblinaClient.create(api.url(), "gob_dev_test"), options,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir.resolve("out"));
    }

    /** Answers with each body in turn, then keeps answering with the last one. */
    private static java.util.function.Function<FakeGoblinaApi.Recorded, FakeGoblinaApi.Answer> sequence(
            String... bodies) {
        Iterator<String> next = List.of(bodies).iterator();
        String[] last = {bodies[0]};
        return request -> {
            synchronized (last) {
                if (next.hasNext()) {
                    last[0] = next.next();
                }
                return FakeGoblinaApi.Answer.json(200, last[0]);
            }
        };
    }

    private static String project(String status, String stage, int progress, String scenarios, String error,
                                  String video) {
        return """
                {"id":"p1","status":"%s","stage":"%s","progress":%d,"scenarios":%s,"error":%s,"video":%s,
                 "timings":%s}""".formatted(status, stage, progress, scenarios, error, video, TIMINGS);
    }

    private static String scenarios(String firstClip, String secondClip) {
        return """
                [{"index":1,"title":"Espresso ambush","caption":"Caption 1","clip":{"status":"%s","progress":100}},
                 {"index":2,"title":"Latte art crimes","caption":"Caption 2","clip":{"status":"%s","progress":40}}]"""
                .formatted(firstClip, secondClip);
    }
}
