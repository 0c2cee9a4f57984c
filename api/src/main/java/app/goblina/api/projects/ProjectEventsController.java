package app.goblina.api.projects;

import app.goblina.api.auth.TenantContext;
import app.goblina.api.docs.ById;
import app.goblina.api.docs.KeyAuthenticated;
import app.goblina.api.problems.ApiException;
import app.goblina.api.problems.Problem;
import app.goblina.api.problems.Ids;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.UUID;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.reactivestreams.Publisher;

/**
 * {@code GET /v1/projects/{id}/events}: the project's view ({@code GET /v1/projects/{id}}) as Server-Sent Events,
 * sent at once and whenever it changes, until the project has ended. The project is looked up and the key's stream
 * slot taken before the stream starts, so a refusal is an ordinary problem+json answer.
 */
@Controller("/v1/projects")
@KeyAuthenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class ProjectEventsController {

    private final ProjectRepository projects;
    private final ProjectEvents events;
    private final EventStreamSlots slots;

    public ProjectEventsController(ProjectRepository projects, ProjectEvents events, EventStreamSlots slots) {
        this.projects = projects;
        this.events = events;
        this.slots = slots;
    }

    @Get(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @ById
    @ApiResponse(responseCode = "429",
            description = "The key's requests per minute, or its open event streams on this API process, are used up; retry after the given seconds.",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = "integer")),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Publisher<Event<String>> events(HttpRequest<?> request, @PathVariable("id") String id) {
        UUID projectId = Ids.parse("id", id);
        ProjectRow project = projects.findByIdAndTenantId(projectId, TenantContext.tenantId(request))
                .orElseThrow(() -> ApiException.notFound("id", "project"));
        UUID keyId = TenantContext.apiKeyId(request);
        slots.acquire(keyId);
        return events.of(project, () -> slots.release(keyId));
    }
}
