package app.goblina.api.projects;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * Body of {@code POST /v1/projects/{id}/scenarios/{index}/regenerate}; the body itself is optional. Unknown fields are
 * refused.
 *
 * @param caption the scene's new line, 1–160 characters as a written scene's are; absent to keep the line
 */
@Introspected
public record RegenerateSceneRequest(@Nullable String caption) {
}
