package app.goblina.api.projects;

import app.goblina.api.docs.BodyGuarded;
import app.goblina.api.docs.AcceptedForWork;
import app.goblina.api.docs.QueryChecked;
import app.goblina.api.docs.BudgetLimited;
import app.goblina.api.docs.Conflict;
import app.goblina.api.docs.Download;
import app.goblina.api.docs.JsonBody;
import app.goblina.api.auth.TenantContext;
import app.goblina.api.docs.ById;
import app.goblina.api.docs.KeyAuthenticated;
import app.goblina.api.problems.Accepted;
import app.goblina.api.problems.ApiException;
import app.goblina.domain.FieldError;
import app.goblina.domain.ProjectStatus;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.RenderRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** {@code /v1/projects}: start a short, follow it, preview its clips, download it, cancel it. */
@Controller("/v1/projects")
@KeyAuthenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class ProjectController {

    static final int MAX_PAGE_SIZE = 100;

    private final ProjectIntake intake;
    private final ProjectRepository projects;
    private final ProjectCancellation cancellation;
    private final ProjectViews views;
    private final ProjectMedia media;
    private final VideoLinks links;
    private final SceneRegeneration regeneration;

    public ProjectController(ProjectIntake intake, ProjectRepository projects, ProjectCancellation cancellation,
            ProjectViews views, ProjectMedia media, VideoLinks links, SceneRegeneration regeneration) {
        this.intake = intake;
        this.projects = projects;
        this.cancellation = cancellation;
        this.views = views;
        this.media = media;
        this.links = links;
        this.regeneration = regeneration;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @JsonBody
    @BudgetLimited
    @AcceptedForWork
    @Status(HttpStatus.ACCEPTED)
    public HttpResponse<Accepted> create(HttpRequest<?> request, @Body @Nullable CreateProjectRequest body) {
        if (body == null) {
            throw ApiException.invalid("request", "a JSON body is required");
        }
        ProjectRow row = intake.accept(TenantContext.tenantId(request), body);
        return Accepted.response(row.id(), row.status().name(), "/v1/projects/" + row.id());
    }

    @Get("/{id}")
    @ById
    public ProjectView get(HttpRequest<?> request, @PathVariable("id") String id) {
        return views.of(find(request, id));
    }

    @Get
    @QueryChecked
    public ProjectView.Page list(HttpRequest<?> request, @QueryValue(defaultValue = "0") String page,
            @QueryValue(defaultValue = "20") String size) {
        int pageNumber = boundedInt("page", page, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int pageSize = boundedInt("size", size, 1, MAX_PAGE_SIZE);
        UUID tenantId = TenantContext.tenantId(request);
        List<ProjectView.Summary> items = projects.listNewestFirst(tenantId, pageSize, (long) pageNumber * pageSize).stream()
                .map(p -> new ProjectView.Summary(p.id(), p.topic(), p.preset().wireName(), p.status().name(),
                        p.stage().wireName(), p.createdAt()))
                .toList();
        return new ProjectView.Page(items, pageNumber, pageSize, projects.countByTenantId(tenantId));
    }

    @Get(value = "/{id}/video", produces = "video/mp4")
    @ById
    @Download
    public HttpResponse<?> video(HttpRequest<?> request, @PathVariable("id") String id) {
        return download(request, id, RenderRow::blobKey, "video/mp4");
    }

    @Get(value = "/{id}/thumbnail", produces = "image/jpeg")
    @ById
    @Download
    public HttpResponse<?> thumbnail(HttpRequest<?> request, @PathVariable("id") String id) {
        return download(request, id, RenderRow::thumbnailKey, "image/jpeg");
    }

    /** One scene's clip, once it is READY: the preview a creator watches before the short is assembled. */
    @Get(value = "/{id}/scenarios/{index}/clip", produces = "video/mp4")
    @ById
    @Download
    public HttpResponse<?> clip(HttpRequest<?> request, @PathVariable("id") String id, @PathVariable("index") String index) {
        return links.download(media.clip(TenantContext.tenantId(request), id, index).clip().blobKey(), "video/mp4");
    }

    /**
     * Re-renders one scene of a DONE project, with an optional new line ({@code {"caption": "..."}}; the body may be
     * empty): one clip is generated and paid for, the short is assembled again, and the current video stays
     * downloadable until the new one is ready. Answers the project, GENERATING.
     */
    @Post(value = "/{id}/scenarios/{index}/regenerate", consumes = MediaType.APPLICATION_JSON)
    @JsonBody
    @ById
    @Conflict
    @BudgetLimited
    @ApiResponse(responseCode = "202", description = "Accepted: the project, GENERATING again; Location says where to follow it.",
            headers = @Header(name = "Location", schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProjectView.class)))
    @Status(HttpStatus.ACCEPTED)
    public HttpResponse<ProjectView> regenerate(HttpRequest<?> request, @PathVariable("id") String id,
            @PathVariable("index") String index, @Body @Nullable RegenerateSceneRequest body) {
        ProjectRow project = find(request, id);
        int number = ProjectMedia.sceneIndex(index);
        ProjectRow now = regeneration.regenerate(project, number, body);
        return HttpResponse.<ProjectView>status(HttpStatus.ACCEPTED).body(views.of(now))
                .header(HttpHeaders.LOCATION, "/v1/projects/" + now.id());
    }

    @Post("/{id}/cancel")
    @BodyGuarded
    @ById
    @Conflict
    @AcceptedForWork
    @Status(HttpStatus.ACCEPTED)
    public HttpResponse<Accepted> cancel(HttpRequest<?> request, @PathVariable("id") String id) {
        ProjectRow project = find(request, id);
        if (!cancellation.cancel(project)) {
            ProjectStatus now = projects.findByIdAndTenantId(project.id(), project.tenantId())
                    .map(ProjectRow::status).orElse(project.status());
            throw new ApiException(HttpStatus.CONFLICT, "Project already finished",
                    List.of(new FieldError("id", "the project is " + now + " and can no longer be cancelled")));
        }
        return Accepted.response(project.id(), "CANCELLED", "/v1/projects/" + project.id());
    }

    private HttpResponse<?> download(HttpRequest<?> request, String id, Function<RenderRow, String> key, String type) {
        return links.download(key.apply(media.render(TenantContext.tenantId(request), id).render()), type);
    }

    private ProjectRow find(HttpRequest<?> request, String id) {
        return media.project(TenantContext.tenantId(request), id);
    }

    private static int boundedInt(String field, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below, like an out-of-range number
        }
        throw ApiException.invalid(field, "must be a whole number from " + min + " to " + max);
    }
}
