package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.media.ShortAssembler.AssemblyClip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that are not local files, and the wall-clock limit: refused or stopped, with nothing left behind. */
class AssemblySafetyTest {

    @TempDir
    static Path dir;

    private static Path clip;
    private static final ShortAssembler assembler = new ShortAssembler();

    @BeforeAll
    static void makeClip() throws IOException {
        clip = TestMedia.clip(dir.resolve("clip.mp4"), 180, 320, 30, 2.0, 440, 48_000, 2);
    }

    private static AssemblySettings settings(Path work) {
        return AssemblySettings.builder(work).size(180, 320).build();
    }

    @Test
    void a_clip_given_as_a_url_is_refused_before_ffmpeg_sees_it() {
        Path work = dir.resolve("url-work");

        assertThatThrownBy(() -> assembler.assemble(List.of(new AssemblyClip(Path.of("http://127.0.0.1:9/x.mp4"), null)),
                settings(work), dir.resolve("url.mp4"), dir.resolve("url.jpg")))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("clip 1 of 1")
                .hasMessageContaining("not a local file");
        assertThat(dir.resolve("url.mp4")).doesNotExist();
    }

    @Test
    void narration_or_music_given_as_a_protocol_is_refused() {
        Path work = dir.resolve("protocol-work");

        assertThatThrownBy(() -> assembler.assemble(List.of(new AssemblyClip(clip, null, Path.of("pipe:0"))),
                settings(work), dir.resolve("pipe.mp4"), dir.resolve("pipe.jpg")))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("narration")
                .hasMessageContaining("not a local file");
        assertThatThrownBy(() -> assembler.assemble(List.of(new AssemblyClip(clip, null)),
                settings(work).toBuilder().music(Path.of("tcp:127.0.0.1:9")).build(), dir.resolve("tcp.mp4"),
                dir.resolve("tcp.jpg")))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("music");
    }

    @Test
    void a_local_playlist_pointing_at_the_network_cannot_make_ffmpeg_open_it() throws IOException {
        Path playlist = Files.writeString(dir.resolve("list.m3u8"), """
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:4
                #EXTINF:4.0,
                http://127.0.0.1:9/segment.ts
                #EXT-X-ENDLIST
                """);

        assertThatThrownBy(() -> assembler.assemble(List.of(new AssemblyClip(playlist, null)),
                settings(dir.resolve("playlist-work")), dir.resolve("playlist.mp4"), dir.resolve("playlist.jpg")))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("list.m3u8");
    }

    @Test
    void an_assembly_past_its_wall_clock_limit_stops_with_a_transient_failure_and_leaves_nothing() throws IOException {
        Path work = dir.resolve("late-work");
        Path target = dir.resolve("late.mp4");
        Path thumbnail = dir.resolve("late.jpg");

        assertThatThrownBy(() -> assembler.assemble(List.of(new AssemblyClip(clip, "Too slow")),
                settings(work).toBuilder().wallClockLimit(Duration.ofMillis(3)).build(), target, thumbnail))
                .isInstanceOf(TransientFailure.class)
                .hasMessageContaining("limit of 3 ms");
        assertThat(target).doesNotExist();
        assertThat(thumbnail).doesNotExist();
        assertThat(Files.exists(work) ? TestMedia.listing(work) : List.of()).isEmpty();
    }

    @Test
    void a_limit_that_passes_while_encoding_also_cleans_up_its_scratch_files() throws IOException {
        Path work = dir.resolve("mid-work");
        Path target = dir.resolve("mid.mp4");
        List<AssemblyClip> clips = List.of(new AssemblyClip(clip, "One"), new AssemblyClip(clip, "Two"),
                new AssemblyClip(clip, "Three"));

        // Large frames make the encoding last far longer than the limit, whatever the machine.
        assertThatThrownBy(() -> assembler.assemble(clips,
                settings(work).toBuilder().size(1080, 1920).wallClockLimit(Duration.ofMillis(400)).build(), target,
                dir.resolve("mid.jpg")))
                .isInstanceOf(TransientFailure.class);
        assertThat(target).doesNotExist();
        assertThat(Files.exists(work) ? TestMedia.listing(work) : List.of()).isEmpty();
    }
}
