package app.goblina.launcher.cli;

import app.goblina.launcher.client.JobTiming;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimingsTableTest {

    private static final List<JobTiming> TIMINGS = List.of(
            new JobTiming("AssembleShort", "assembly", 0.3, 4.0),
            new JobTiming("SubmitClip", "clips", 1.0, 0.5),
            new JobTiming("PollClip", "clips", 3.0, 2.5),
            new JobTiming("SubmitClip", "clips", 2.0, 0.5),
            new JobTiming("WriteScenarios", "scenarios", 1.4, 0.2),
            new JobTiming("AnalyzeCharacter", "analysis", 0.1, 2.0));

    @Test
    void timings_are_aggregated_per_stage_in_pipeline_order() {
        List<TimingsTable.StageStats> stats = TimingsTable.aggregate(TIMINGS);

        assertThat(stats).extracting(TimingsTable.StageStats::stage)
                .containsExactly("analysis", "scenarios", "clips", "assembly");
        TimingsTable.StageStats clips = stats.get(2);
        assertThat(clips.jobs()).isEqualTo(3);
        assertThat(clips.runSeconds()).isCloseTo(3.5, within(1e-9));
        assertThat(clips.maxWaitSeconds()).isCloseTo(3.0, within(1e-9));
        assertThat(clips.meanWaitSeconds()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void a_run_that_has_not_started_counts_as_a_job_but_not_in_the_waits() {
        List<TimingsTable.StageStats> stats = TimingsTable.aggregate(List.of(
                new JobTiming("PollClip", "clips", 2.0, 1.0),
                new JobTiming("PollClip", "clips", null, null)));

        assertThat(stats).singleElement().satisfies(clips -> {
            assertThat(clips.jobs()).isEqualTo(2);
            assertThat(clips.runSeconds()).isCloseTo(1.0, within(1e-9));
            assertThat(clips.meanWaitSeconds()).isCloseTo(2.0, within(1e-9));
        });
    }

    @Test
    void stages_the_pipeline_does_not_know_yet_come_last() {
        List<TimingsTable.StageStats> stats = TimingsTable.aggregate(List.of(
                new JobTiming("Publish", "publishing", 0.0, 1.0),
                new JobTiming("Mystery", null, 0.0, 1.0),
                new JobTiming("WriteScenarios", "scenarios", 0.0, 1.0)));

        assertThat(stats).extracting(TimingsTable.StageStats::stage)
                .containsExactly("scenarios", "publishing", "other");
    }

    @Test
    void the_table_shows_each_stage_with_its_observed_wall_time_and_the_totals() {
        Map<String, Duration> observed = new LinkedHashMap<>();
        observed.put("analysis", Duration.ofMillis(2500));
        observed.put("scenarios", Duration.ofMillis(1500));
        observed.put("clips", Duration.ofSeconds(10));
        observed.put("assembly", Duration.ofSeconds(5));

        String table = TimingsTable.render(TimingsTable.aggregate(TIMINGS), observed, Duration.ofMillis(20_250));

        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).contains("stage", "jobs", "run s (sum)", "wait s (max)", "wait s (mean)",
                "wall s (seen)");
        assertThat(lines.get(3).split("\\s+")).containsExactly("clips", "3", "3.50", "3.00", "2.00", "10.00");
        assertThat(lines.get(5).split("\\s+")).containsExactly("all", "6", "9.70", "19.00");
        assertThat(table).contains("total wall time: 20.25 s");
    }

    @Test
    void a_stage_seen_by_the_demo_without_jobs_still_gets_a_row() {
        String table = TimingsTable.render(List.of(), Map.of("analysis", Duration.ofSeconds(1)), Duration.ZERO);

        assertThat(table.lines().toList().get(1).split("\\s+"))
                .containsExactly("analysis", "-", "-", "-", "-", "1.00");
    }
}
