package app.goblina.launcher.cli;

/**
 * The admin key that opens the API's {@code /admin/...} (tenants and keys): {@code GOBLINA_ADMIN_API_KEY} when
 * set, else one generated on first use and kept in {@code <dataDir>/admin-api-key}, readable by its owner only.
 * {@code ./goblina up} hands it to the API; {@code ./goblina tenants|keys} read it from the same place.
 */
final class AdminApiKey {

    static final String ENV = "GOBLINA_ADMIN_API_KEY";
    static final KeptSecret SECRET = new KeptSecret(ENV, "admin-api-key", "gob_admin_");

    private AdminApiKey() {
    }
}
