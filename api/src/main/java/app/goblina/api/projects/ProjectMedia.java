package app.goblina.api.projects;

import app.goblina.api.problems.ApiException;
import app.goblina.api.problems.Ids;
import app.goblina.domain.ClipStatus;
import app.goblina.domain.FieldError;
import app.goblina.domain.RenderStatus;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.RenderRepository;
import app.goblina.persistence.RenderRow;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.persistence.ScenarioRow;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * The stored files of a tenant's project a client may download: its finished short and each scene's finished
 * clip, or the problem that says why not (404 for an unknown project or scene, 409 while the file is not ready).
 */
@Singleton
public class ProjectMedia {

    private final ProjectRepository projects;
    private final RenderRepository renders;
    private final ScenarioRepository scenarios;
    private final ClipRepository clips;

    public ProjectMedia(ProjectRepository projects, RenderRepository renders, ScenarioRepository scenarios,
            ClipRepository clips) {
        this.projects = projects;
        this.renders = renders;
        this.scenarios = scenarios;
        this.clips = clips;
    }

    /** A project and its ready render. */
    public record Found(ProjectRow project, RenderRow render) {
    }

    /** A project, the index of one of its scenes, and that scene's ready clip. */
    public record FoundClip(ProjectRow project, int index, ClipRow clip) {
    }

    /** The project {@code id} of {@code tenantId}, whatever its state. */
    public ProjectRow project(UUID tenantId, String id) {
        UUID projectId = Ids.parse("id", id);
        return projects.findByIdAndTenantId(projectId, tenantId).orElseThrow(() -> ApiException.notFound("id", "project"));
    }

    /** The project's finished short. */
    public Found render(UUID tenantId, String id) {
        ProjectRow project = project(tenantId, id);
        RenderRow render = renders.findByProject(project.id(), project.tenantId())
                .filter(r -> r.status() == RenderStatus.READY)
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "Video not ready",
                        List.of(new FieldError("id", "the project is " + project.status() + "; the video exists once it is DONE"))));
        return new Found(project, render);
    }

    /** Scene {@code index}'s finished clip. */
    public FoundClip clip(UUID tenantId, String id, String index) {
        ProjectRow project = project(tenantId, id);
        int number = sceneIndex(index);
        ScenarioRow scenario = scenarios.findByProject(project.id(), project.tenantId()).stream()
                .filter(s -> s.index() == number).findFirst()
                .orElseThrow(() -> ApiException.notFound("index", "scenario"));
        ClipRow clip = clips.findByProject(project.id(), project.tenantId()).stream()
                .filter(c -> c.scenarioId().equals(scenario.id()) && c.status() == ClipStatus.READY && c.blobKey() != null)
                .findFirst()
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "Clip not ready",
                        List.of(new FieldError("index", "scene " + number + " has no finished clip yet"))));
        return new FoundClip(project, number, clip);
    }

    /** A scene index from the path: a whole number from 0 to 999. */
    public static int sceneIndex(String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0 && parsed <= 999) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below, like an out-of-range number
        }
        throw ApiException.invalid("index", "must be a whole number from 0 to 999");
    }
}
