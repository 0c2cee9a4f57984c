package app.goblina.launcher.faults;

import app.goblina.testkit.fakes.replicate.CreatedPrediction;
import app.goblina.testkit.fakes.video.SeededFaults;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a run leaves to judge it by, read once the faults are over and the platform has settled (or
 * stalled): the plans and faults, the database's final rows, the API's answers, what the provider was paid for,
 * the blob folder, and the steps the monitor saw.
 *
 * @param apiViews         GET /v1/projects/{id} per project id, or null where the call failed
 * @param apiErrors        per project id, why GET failed
 * @param blobs            the files under the blob folder, relative, with '/' separators
 * @param workers          each worker process as the run ends
 * @param incidents        what went wrong outside the plan: a process that exited by itself, a harness step that failed
 */
record RunResult(FaultRunSettings settings, Instant startedAt, Instant faultsStartedAt, Instant endedAt,
        String endReason, List<ProjectPlan> plans, List<FaultRecord> faults, List<String> incidents,
        List<RunDatabase.ProjectRow> projects, List<RunDatabase.ClipRow> clips, List<RunDatabase.ScenarioRow> scenarios,
        List<RunDatabase.RenderRow> renders, List<RunDatabase.CostRow> costs, List<RunDatabase.JobRow> jobs,
        List<RunDatabase.ServerRow> servers, List<String> imageKeys, Map<String, JsonNode> apiViews,
        Map<String, String> apiErrors, List<CreatedPrediction> creates, Map<SeededFaults.Kind, Integer> providerFaults,
        int providerCalls, List<String> blobs, List<ProgressMonitor.Step> steps, List<WorkerState> workers,
        Path runDir, Map<String, Path> logs) {

    /**
     * A worker process at the end of the run.
     *
     * @param startedAt       when its current incarnation started
     * @param starts          how many times it was started
     * @param jobServerStopped the log lines where its JobRunr server shut itself down, or null
     */
    record WorkerState(String name, long pid, boolean alive, Instant startedAt, int starts, String jobServerStopped) {
    }
}
