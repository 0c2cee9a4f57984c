package app.goblina.api.characters;

import app.goblina.api.limits.TenantQuotas;
import app.goblina.api.problems.ApiException;
import app.goblina.domain.TextRules;
import app.goblina.jobs.AnalyzeCharacter;
import app.goblina.jobs.JobQueue;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Accepts a new character: validates everything first (so a refused upload writes nothing), then stores the
 * image, inserts the row and enqueues its analysis. If the insert fails (the database is down, say, or a parallel
 * upload took the tenant's last upload of the day), the image
 * just stored is deleted in the same request, so a refused upload leaves no file either. If the process dies between the insert and the enqueue, the
 * worker's sweeper finds the character still ANALYZING and enqueues the same job id.
 */
@Singleton
public class CharacterIntake {

    static final int MAX_NAME = 100;

    private final ImageInspector inspector;
    private final BlobStore blobs;
    private final CharacterRepository characters;
    private final JobQueue jobs;
    private final TenantQuotas quotas;

    public CharacterIntake(ImageInspector inspector, BlobStore blobs, CharacterRepository characters, JobQueue jobs,
            TenantQuotas quotas) {
        this.inspector = inspector;
        this.blobs = blobs;
        this.characters = characters;
        this.jobs = jobs;
        this.quotas = quotas;
    }

    public CharacterRow accept(UUID tenantId, String name, Path image) {
        String cleanName = validName(name);
        InspectedImage inspected = inspector.inspect(image);
        // once before anything is stored, and again with the insert, where parallel uploads are counted in turn
        quotas.checkUploadsToday(tenantId);
        UUID id = UUID.randomUUID();
        String key = BlobKeys.characterImage(tenantId, id, inspected.extension());
        blobs.put(key, image, inspected.mediaType());
        CharacterRow row;
        try {
            row = quotas.admitUpload(tenantId, () -> characters.save(CharacterRow.analyzing(id, tenantId, cleanName, key,
                    inspected.mediaType(), inspected.sha256(), inspected.width(), inspected.height())));
        } catch (RuntimeException e) {
            deleteQuietly(key, e);
            throw e;
        }
        jobs.enqueue(new AnalyzeCharacter(tenantId, id));
        return row;
    }

    private void deleteQuietly(String key, RuntimeException cause) {
        try {
            blobs.delete(key);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalid("name", "must not be empty");
        }
        String stripped = name.strip();
        TextRules.problem(stripped, MAX_NAME).ifPresent(reason -> {
            throw ApiException.invalid("name", reason);
        });
        return stripped;
    }
}
