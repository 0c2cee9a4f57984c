package app.goblina.worker.clips;

import app.goblina.clips.ClipRequest;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.ClipRow;
import app.goblina.persistence.ProjectRow;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.persistence.ScenarioRow;
import app.goblina.persistence.StyleGuideJson;
import app.goblina.failures.PermanentFailure;
import app.goblina.storage.BlobStore;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Builds what a video generator is asked for from our records. Providers render 720p-class frames (Sora's
 * 720x1280, Replicate's 720p models), so the request is the project's shape at a 720 short side; assembly scales
 * to the final size.
 */
@Singleton
public class ClipRequests {

    static final int PROVIDER_SHORT_SIDE = 720;
    /** What a clip records when the project named no model: the adapter uses its configured one. */
    public static final String DEFAULT_MODEL = "default";

    private final ScenarioRepository scenarios;
    private final CharacterRepository characters;
    private final BlobStore blobs;

    public ClipRequests(ScenarioRepository scenarios, CharacterRepository characters, BlobStore blobs) {
        this.scenarios = scenarios;
        this.characters = characters;
        this.blobs = blobs;
    }

    public ClipRequest build(ProjectRow project, ClipRow clip) {
        ScenarioRow scenario = scenarios.findByIdAndTenantId(clip.scenarioId(), clip.tenantId())
                .orElseThrow(() -> new IllegalStateException("Clip " + clip.id() + " has no scenario"));
        CharacterRow character = characters.findByIdAndTenantId(project.characterId(), project.tenantId())
                .orElseThrow(() -> new IllegalStateException("Project " + project.id() + " has no character"));
        int[] size = providerSize(project);
        String model = DEFAULT_MODEL.equals(clip.model()) ? null : clip.model();
        return new ClipRequest(clip.id().toString(), scenario.prompt(), scenario.caption(), image(character),
                character.imageMediaType(), StyleGuideJson.read(character.styleGuideJson()).palette(), scenario.seconds(),
                size[0], size[1], model, project.preset(), clip.generation());
    }

    /** The project's own {@code video.size} when it gave one, else its frame shape at a 720 short side. */
    static int[] providerSize(ProjectRow project) {
        if (project.videoSize() != null) {
            String[] parts = project.videoSize().split("x");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        }
        int shortSide = Math.min(project.width(), project.height());
        return new int[] {even(project.width() * PROVIDER_SHORT_SIDE / shortSide),
                even(project.height() * PROVIDER_SHORT_SIDE / shortSide)};
    }

    private byte[] image(CharacterRow character) {
        try (InputStream in = blobs.open(character.imageKey())
                .orElseThrow(() -> new PermanentFailure("the character image is missing from storage"))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int even(int value) {
        return value - (value % 2);
    }
}
