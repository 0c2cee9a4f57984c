package app.goblina.launcher.processes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void the_last_lines_of_a_log_are_returned_in_order() throws Exception {
        Path log = dir.resolve("api.log");
        Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n", "", "\n")));

        assertThat(LogTail.lastLines(log, 3)).containsExactly("line 98", "line 99", "line 100");
    }

    @Test
    void a_huge_log_is_read_from_its_end_without_a_cut_first_line() throws Exception {
        Path log = dir.resolve("worker-1.log");
        String filler = "x".repeat(999);
        Files.writeString(log, IntStream.rangeClosed(1, 1000).mapToObj(i -> i + filler)
                .collect(Collectors.joining("\n")));

        assertThat(LogTail.lastLines(log, 5000)).allSatisfy(line -> assertThat(line).endsWith(filler)
                .matches("\\d+x+")).last().asString().startsWith("1000");
    }

    @Test
    void a_missing_log_is_described_as_empty() {
        assertThat(LogTail.describe(dir.resolve("nope.log"), 5)).contains("is empty");
    }

    @Test
    void stack_frames_are_folded_so_the_exception_messages_show() throws Exception {
        Path log = dir.resolve("api.log");
        StringBuilder text = new StringBuilder("ERROR Error starting server: bad config\n");
        text.append("java.lang.IllegalStateException: bad config\n");
        for (int i = 0; i < 120; i++) {
            text.append("\tat some.Frame.method").append(i).append("(Frame.java:").append(i).append(")\n");
        }
        text.append("Caused by: java.lang.IllegalArgumentException: No enum constant ExecutorType.virtual\n");
        text.append("\tat some.Other.frame(Other.java:1)\n\t... 119 more\n");
        Files.writeString(log, text);

        String described = LogTail.describe(log, 6);

        assertThat(described.lines().skip(1)).containsExactly(
                "  | ERROR Error starting server: bad config",
                "  | java.lang.IllegalStateException: bad config",
                "  |     ... 120 stack frames",
                "  | Caused by: java.lang.IllegalArgumentException: No enum constant ExecutorType.virtual",
                "  |     ... 2 stack frames");
    }

    @Test
    void only_the_last_start_of_the_process_is_shown() throws Exception {
        Path log = dir.resolve("api.log");
        Files.writeString(log, """

                ==== 2026-01-01T10:00:00Z starting api
                the old run failed
                java.lang.IllegalStateException: old news

                ==== 2026-01-01T11:00:00Z starting api
                the new run is slow
                """);

        assertThat(LogTail.describe(log, 10).lines().skip(1))
                .containsExactly("  | ==== 2026-01-01T11:00:00Z starting api", "  | the new run is slow");
    }
}
