package app.goblina.persistence;

import app.goblina.domain.CharacterStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code characters}. The style guide is kept as JSON text; {@link StyleGuideJson} maps it. */
@MappedEntity("characters")
public record CharacterRow(
        @Id UUID id,
        UUID tenantId,
        String name,
        String imageKey,
        String imageMediaType,
        String imageSha256,
        int imageWidth,
        int imageHeight,
        CharacterStatus status,
        @Nullable @MappedProperty("style_guide") @ColumnTransformer(write = "CAST(? AS jsonb)") String styleGuideJson,
        @Nullable String analyst,
        @Nullable String failureReason,
        @Nullable @DateCreated Instant createdAt) {

    public static CharacterRow analyzing(UUID id, UUID tenantId, String name, String imageKey, String mediaType,
            String sha256, int width, int height) {
        return new CharacterRow(id, tenantId, name, imageKey, mediaType, sha256, width, height,
                CharacterStatus.ANALYZING, null, null, null, null);
    }
}
