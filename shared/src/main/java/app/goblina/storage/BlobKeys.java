package app.goblina.storage;

import java.util.UUID;
import java.util.regex.Pattern;

/** Where each kind of object lives. Every key starts with the tenant, so a tenant's data can be listed or purged. */
public final class BlobKeys {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private BlobKeys() {
    }

    public static String characterImage(UUID tenantId, UUID characterId, String extension) {
        return "tenants/" + tenantId + "/characters/" + characterId + "/original." + extension;
    }

    public static String clip(UUID tenantId, UUID projectId, UUID clipId) {
        return "tenants/" + tenantId + "/projects/" + projectId + "/clips/" + clipId + ".mp4";
    }

    public static String narration(UUID tenantId, UUID projectId, UUID scenarioId, String extension) {
        return "tenants/" + tenantId + "/projects/" + projectId + "/narration/" + scenarioId + "." + extension;
    }

    public static String render(UUID tenantId, UUID projectId) {
        return "tenants/" + tenantId + "/projects/" + projectId + "/short.mp4";
    }

    public static String thumbnail(UUID tenantId, UUID projectId) {
        return "tenants/" + tenantId + "/projects/" + projectId + "/thumbnail.jpg";
    }

    /** The short of a project's {@code generation}-th regeneration; generation 0 is {@link #render}. */
    public static String render(UUID tenantId, UUID projectId, int generation) {
        return generation == 0 ? render(tenantId, projectId)
                : "tenants/" + tenantId + "/projects/" + projectId + "/short-" + generation + ".mp4";
    }

    /** The thumbnail of a project's {@code generation}-th regeneration; generation 0 is {@link #thumbnail}. */
    public static String thumbnail(UUID tenantId, UUID projectId, int generation) {
        return generation == 0 ? thumbnail(tenantId, projectId)
                : "tenants/" + tenantId + "/projects/" + projectId + "/thumbnail-" + generation + ".jpg";
    }

    /** A scenario's narration for its {@code generation}-th line; generation 0 is {@link #narration}. */
    public static String narration(UUID tenantId, UUID projectId, UUID scenarioId, int generation, String extension) {
        return generation == 0 ? narration(tenantId, projectId, scenarioId, extension)
                : "tenants/" + tenantId + "/projects/" + projectId + "/narration/" + scenarioId + "-" + generation + "."
                        + extension;
    }

    /** Throws {@link IllegalArgumentException} unless the key is made of safe segments (no "..", no leading "/"). */
    public static String requireValid(String key) {
        if (key == null || !VALID.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("Invalid blob key: " + key);
        }
        return key;
    }
}
