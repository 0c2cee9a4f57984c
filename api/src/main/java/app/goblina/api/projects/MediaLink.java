package app.goblina.api.projects;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;
import java.time.Instant;

/**
 * Where a client gets a stored file. A browser cannot put an API key on a {@code <video>} source, so the web page
 * asks for this first: a {@code direct} link is presigned by the store (S3, R2) and plays as it is until
 * {@code expiresAt}; otherwise {@code url} is the API's own download path, fetched with the key.
 *
 * @param url       the presigned link, or the API path of the download
 * @param direct    whether {@code url} works without a key
 * @param expiresAt when a direct link stops working; null for an API path
 */
@Introspected
public record MediaLink(String url, boolean direct, @Nullable Instant expiresAt) {
}
