package app.goblina.launcher.client;

import java.util.List;

/**
 * A project as {@code GET /v1/projects/{id}} (and, partly, {@code POST /v1/projects}) returns it.
 *
 * @param id        its id
 * @param status    QUEUED, WRITING, GENERATING, ASSEMBLING, DONE, FAILED or CANCELLED
 * @param stage     analysis, scenarios, clips or assembly
 * @param progress  0 to 100
 * @param scenarios the scenarios written so far
 * @param error     why it failed, or {@code null}
 * @param video     the finished short, or {@code null}
 * @param timings   one entry per job run
 */
public record ProjectView(String id, String status, String stage, Integer progress, List<Scenario> scenarios,
                   Failure error, Video video, List<JobTiming> timings) {

    /** Whether the status will not change any more. */
    public boolean finished() {
        return "DONE".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
    }

    public List<Scenario> scenariosOrEmpty() {
        return scenarios == null ? List.of() : scenarios;
    }

    public List<JobTiming> timingsOrEmpty() {
        return timings == null ? List.of() : timings;
    }

    /**
     * One scenario of the project.
     *
     * @param index   its position, from 0 or 1 as the API numbers them
     * @param title   its title
     * @param caption the on-screen caption
     * @param clip    its clip, or {@code null} before generation starts
     */
    public record Scenario(Integer index, String title, String caption, Clip clip) {
    }

    /**
     * A scenario's clip.
     *
     * @param status   PENDING, SUBMITTING, RUNNING, READY, FAILED or CANCELLED
     * @param progress 0 to 100
     */
    public record Clip(String status, Integer progress) {
    }

    /**
     * The finished short.
     *
     * @param durationSeconds its length
     * @param width           its width in pixels
     * @param height          its height in pixels
     * @param url             where to download it
     */
    public record Video(Double durationSeconds, Integer width, Integer height, String url) {
    }
}
