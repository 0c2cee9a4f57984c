package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedFileTest {

    @TempDir
    Path dir;

    @Test
    void a_committed_file_replaces_the_target_and_leaves_nothing_in_the_scratch_directory() throws IOException {
        Path scratch = dir.resolve("scratch");
        Path target = Files.writeString(dir.resolve("target.txt"), "old");

        try (StagedFile staged = StagedFile.create(scratch, "x-", ".txt")) {
            Files.writeString(staged.path(), "new");
            staged.commitTo(target);
        }

        assertThat(target).hasContent("new");
        assertThat(scratch).isEmptyDirectory();
    }

    @Test
    void a_file_closed_without_commit_is_deleted() throws IOException {
        Path path;
        try (StagedFile staged = StagedFile.create(dir, "x-", ".txt")) {
            path = staged.path();
            Files.writeString(path, "partial");
        }

        assertThat(path).doesNotExist();
    }
}
