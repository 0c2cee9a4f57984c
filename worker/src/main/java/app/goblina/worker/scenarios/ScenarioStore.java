package app.goblina.worker.scenarios;

import app.goblina.domain.ProjectStatus;
import app.goblina.domain.ScenarioDraft;
import app.goblina.jobs.JobIds;
import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.worker.clips.ClipRequests;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * Saves a project's scenarios, their pending clips (and pending narrations when the project asked for them) and
 * moves the project to GENERATING, in one transaction:
 * either all of it is there or none. Ids derive from the project, so writing again inserts nothing new.
 */
@Singleton
public class ScenarioStore {

    private final ScenarioRepository scenarios;
    private final ClipRepository clips;
    private final ProjectRepository projects;

    public ScenarioStore(ScenarioRepository scenarios, ClipRepository clips, ProjectRepository projects) {
        this.scenarios = scenarios;
        this.clips = clips;
        this.projects = projects;
    }

    @Transactional
    public void save(ProjectRow project, List<ScenarioDraft> drafts) {
        for (int index = 0; index < drafts.size(); index++) {
            ScenarioDraft draft = drafts.get(index);
            UUID scenarioId = JobIds.of(project.id(), "scenario-" + index);
            scenarios.insertIfAbsent(scenarioId, project.tenantId(), project.id(), index, draft.title(), draft.action(),
                    draft.caption(), draft.prompt(), project.clipSeconds());
            clips.insertIfAbsent(JobIds.of(scenarioId, "clip"), project.tenantId(), project.id(), scenarioId,
                    project.videoProvider(), project.videoModel() == null ? ClipRequests.DEFAULT_MODEL : project.videoModel());
        }
        if (project.narrationProvider() != null) {
            scenarios.requireNarration(project.id(), project.tenantId());
        }
        ProjectStatus next = project.status().moveTo(ProjectStatus.GENERATING);
        projects.transition(project.id(), project.tenantId(), project.status().name(), next.name(), next.stage().name());
    }
}
