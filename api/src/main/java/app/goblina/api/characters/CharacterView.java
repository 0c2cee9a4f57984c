package app.goblina.api.characters;

import app.goblina.domain.StyleGuide;
import app.goblina.persistence.CharacterRow;
import app.goblina.persistence.StyleGuideJson;
import io.micronaut.core.annotation.Introspected;
import java.time.Instant;
import java.util.UUID;

/** What {@code GET /v1/characters/{id}} answers. Storage keys stay private. */
@Introspected
public record CharacterView(UUID id, String name, String status, int width, int height, StyleGuide styleGuide,
        ErrorView error, Instant createdAt) {

    /** Why something failed, and in which stage. */
    @Introspected
    public record ErrorView(String stage, String reason) {
    }

    public static CharacterView of(CharacterRow row) {
        StyleGuide guide = row.styleGuideJson() == null ? null : StyleGuideJson.read(row.styleGuideJson());
        ErrorView error = row.failureReason() == null ? null : new ErrorView("analysis", row.failureReason());
        return new CharacterView(row.id(), row.name(), row.status().name(), row.imageWidth(), row.imageHeight(), guide,
                error, row.createdAt());
    }
}
