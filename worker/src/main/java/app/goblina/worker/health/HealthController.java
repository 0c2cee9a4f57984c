package app.goblina.worker.health;

import app.goblina.worker.jobrunr.JobServerSupervisor;
import app.goblina.worker.jobrunr.JobServerSupervisor.Health;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} of a worker: 200 while its job server runs and the database answers, 503 otherwise, so an
 * orchestrator (or the launcher) can tell a worker that only looks alive from one that runs jobs.
 */
@Controller("/health")
public class HealthController {

    private final JobServerSupervisor supervisor;

    public HealthController(JobServerSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Map<String, Object>> health() {
        Health health = supervisor.health();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.healthy() ? "UP" : "DOWN");
        body.put("detail", health.detail());
        body.put("jobServerRestarts", health.restarts());
        body.put("lastRestart", health.lastRestart() == null ? null : health.lastRestart().toString());
        return HttpResponse.status(health.healthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
