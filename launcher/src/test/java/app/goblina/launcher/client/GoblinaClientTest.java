package app.goblina.launcher.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoblinaClientTest {

    /** Bytes that would trip a careless multipart writer: CRLFs, dashes, a NUL and non-UTF-8 bytes. */
    private static final byte[] IMAGE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', '-', '-', 0,
            (byte) 0xff, (byte) 0xfe, '\r', '\n', '-', '-'};

    @TempDir
    Path dir;

    private FakeGoblinaApi api;
    private GoblinaClient client;

    @BeforeEach
    void start() throws Exception {
        api = new FakeGoblinaApi();
        client = GoblinaClient.create(api.url(), "gob_dev_test");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void the_character_upload_is_a_well_formed_multipart_body_with_the_name_and_the_png() throws Exception {
        api.on("POST", "/v1/characters", r -> FakeGoblinaApi.Answer.json(202,
                "{\"id\":\"c1\",\"status\":\"ANALYZING\"}"));
        Path image = dir.resolve("ms-goblina.png");
        Files.write(image, IMAGE);

        CharacterView created = client.createCharacter("Ms. Goblina", image);

        assertThat(created.id()).isEqualTo("c1");
        assertThat(created.status()).isEqualTo("ANALYZING");
        FakeGoblinaApi.Recorded request = api.only("POST", "/v1/characters");
        assertThat(request.header("Authorization")).isEqualTo("Bearer gob_dev_test");
        String contentType = request.header("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        assertThat(boundary).matches("[A-Za-z0-9'()+_,./:=?-]{1,70}");

        List<MultipartParts.Part> parts = MultipartParts.parse(request.body(), boundary);

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).headers()).containsEntry("content-disposition", "form-data; name=\"name\"");
        assertThat(parts.get(0).text()).isEqualTo("Ms. Goblina");
        assertThat(parts.get(1).headers())
                .containsEntry("content-disposition", "form-data; name=\"image\"; filename=\"ms-goblina.png\"")
                .containsEntry("content-type", "image/png");
        assertThat(parts.get(1).content()).isEqualTo(IMAGE);
    }

    @Test
    void every_upload_gets_its_own_boundary() {
        assertThat(new MultipartBody().boundary()).isNotEqualTo(new MultipartBody().boundary());
    }

    @Test
    void quotes_and_line_breaks_in_a_file_name_cannot_break_the_part_header() {
        MultipartBody body = new MultipartBody("b").file("image", "a\"b\r\nc.png", "image/png", new byte[] {1});

        List<MultipartParts.Part> parts = MultipartParts.parse(body.toByteArray(), "b");

        assertThat(parts.get(0).headers().get("content-disposition"))
                .isEqualTo("form-data; name=\"image\"; filename=\"a%22b%0D%0Ac.png\"");
    }

    @Test
    void a_project_is_created_with_the_json_the_api_expects() throws Exception {
        api.on("POST", "/v1/projects", r -> FakeGoblinaApi.Answer.json(202, "{\"id\":\"p1\",\"status\":\"QUEUED\"}"));

        ProjectView project = client.createProject("c1", "tax season", "deadpan", 2);

        assertThat(project.id()).isEqualTo("p1");
        FakeGoblinaApi.Recorded request = api.only("POST", "/v1/projects");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"characterId\":\"c1\",\"topic\":\"tax season\",\"preset\":\"deadpan\",\"scenarioCount\":2}");
    }

    @Test
    void a_problem_document_becomes_a_message_with_its_detail_and_field_errors() {
        api.on("POST", "/v1/projects", r -> FakeGoblinaApi.Answer.problem(422, """
                {"type":"about:blank","title":"Invalid request","status":422,"detail":"The project is invalid",
                 "errors":[{"field":"preset","reason":"must be one of sassy, wholesome, chaotic, deadpan"}]}"""));

        assertThatThrownBy(() -> client.createProject("c1", "t", "grumpy", 3))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("POST /v1/projects answered 422")
                .hasMessageContaining("Invalid request: The project is invalid")
                .hasMessageContaining("preset: must be one of sassy");
    }

    @Test
    void a_wrong_key_gets_a_hint_about_where_the_key_comes_from() {
        api.on("GET", "/v1/projects/p1", r -> FakeGoblinaApi.Answer.problem(401,
                "{\"title\":\"Unauthorized\",\"status\":401}"));

        api.on("GET", "/v1/projects/p2", r -> FakeGoblinaApi.Answer.problem(401, """
                {"title":"Unauthorized","status":401,"detail":"Authorization: not a valid API key",
                 "errors":[{"field":"Authorization","reason":"not a valid API key"}]}"""));

        assertThatThrownBy(() -> client.project("p1")).hasMessageContaining("GOBLINA_API_KEY");
        assertThatThrownBy(() -> client.project("p2"))
                .hasMessageStartingWith("GET /v1/projects/p2 answered 401: Unauthorized: Authorization: not a valid "
                        + "API key\n  (Is the API key right?");
    }

    @Test
    void the_video_download_follows_a_redirect_without_sending_the_key_to_storage() throws Exception {
        byte[] video = "not really an mp4".getBytes(StandardCharsets.UTF_8);
        api.on("GET", "/v1/projects/p1/video", r -> new FakeGoblinaApi.Answer(302, null, new byte[0],
                Map.of("Location", "/storage/p1.mp4?X-Amz-Signature=abc")));
        api.on("GET", "/storage/p1.mp4", r -> new FakeGoblinaApi.Answer(200, "video/mp4", video, Map.of()));
        Path target = dir.resolve("out").resolve("p1.mp4");

        long size = client.downloadVideo("p1", target);

        assertThat(size).isEqualTo(video.length);
        assertThat(target).hasBinaryContent(video);
        assertThat(target.resolveSibling("p1.mp4.part")).doesNotExist();
        assertThat(api.only("GET", "/v1/projects/p1/video").header("Authorization")).isEqualTo("Bearer gob_dev_test");
        assertThat(api.only("GET", "/storage/p1.mp4").header("Authorization")).isNull();
    }

    @Test
    void a_video_served_directly_is_saved_as_it_is() throws Exception {
        byte[] video = {0, 0, 0, 0x18, 'f', 't', 'y', 'p'};
        api.on("GET", "/v1/projects/p1/video", r -> new FakeGoblinaApi.Answer(200, "video/mp4", video, Map.of()));
        Path target = dir.resolve("p1.mp4");

        assertThat(client.downloadVideo("p1", target)).isEqualTo(video.length);
        assertThat(target).hasBinaryContent(video);
    }

    @Test
    void health_needs_no_key_and_is_false_when_nothing_answers() throws Exception {
        api.on("GET", "/health", r -> FakeGoblinaApi.Answer.json(200, "{\"status\":\"UP\"}"));

        assertThat(GoblinaClient.create(api.url(), "").isHealthy()).isTrue();
        assertThat(api.only("GET", "/health").header("Authorization")).isNull();
        api.close();
        assertThat(GoblinaClient.create(api.url(), "").isHealthy()).isFalse();
    }
}
