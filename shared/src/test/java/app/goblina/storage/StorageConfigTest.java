package app.goblina.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.storage.local.LocalDiskBlobStore;
import app.goblina.storage.s3.S3BlobStore;
import app.goblina.testkit.S3Server;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import app.goblina.testkit.TestS3;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.MapPropertySource;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How {@code goblina.storage.*} and the {@code GOBLINA_STORAGE_*} variables choose and configure the store. The
 * contexts get a real database because the shared module's eager beans (job storage) need one to start.
 */
class StorageConfigTest {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestPostgres.newDatabase();
    }

    @Test
    void theDefaultsAreALocalFolderUnderDataBlobs() {
        try (ApplicationContext context = context(Map.of())) {
            StorageConfig config = context.getBean(StorageConfig.class);

            assertThat(config.storeKind()).isEqualTo(StorageConfig.Kind.LOCAL);
            assertThat(config.localRoot()).isEqualTo("data/blobs");
            assertThat(config.endpoint()).isNull();
            assertThat(config.region()).isEqualTo("auto");
            assertThat(config.bucket()).isEqualTo("goblina");
            assertThat(config.hasStaticCredentials()).isFalse();
            assertThat(config.pathStyle()).isTrue();
            assertThat(config.presignTtl()).isEqualTo(Duration.ofMinutes(15));
            assertThat(context.getBean(BlobStore.class)).isInstanceOf(LocalDiskBlobStore.class);
        }
    }

    @Test
    void environmentVariablesChooseAnS3StoreWhoseBucketIsCreatedAndWhoseClientIsClosedWithTheContext() {
        S3Server server = TestS3.server();
        String bucket = "goblina-t-env-" + Long.toHexString(System.nanoTime());
        BlobStore store;
        try (ApplicationContext context = context(Map.of(
                "GOBLINA_STORAGE_KIND", "s3",
                "GOBLINA_STORAGE_ENDPOINT", server.endpoint().toString(),
                "GOBLINA_STORAGE_REGION", server.region(),
                "GOBLINA_STORAGE_BUCKET", bucket,
                "GOBLINA_STORAGE_ACCESS_KEY", server.accessKey(),
                "GOBLINA_STORAGE_SECRET_KEY", server.secretKey(),
                "GOBLINA_STORAGE_PATH_STYLE", "true",
                "GOBLINA_STORAGE_PRESIGN_TTL", "5m"))) {
            StorageConfig config = context.getBean(StorageConfig.class);
            assertThat(config.endpoint()).isEqualTo(server.endpoint());
            assertThat(config.presignTtl()).isEqualTo(Duration.ofMinutes(5));

            store = context.getBean(BlobStore.class);
            assertThat(store).isInstanceOf(S3BlobStore.class);
            store.put("hello.txt", new byte[] {1}, "text/plain");
            assertThat(store.exists("hello.txt")).isTrue();
        }

        BlobStore closed = store;
        assertThatThrownBy(() -> closed.exists("hello.txt")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theLocalRootComesFromItsVariable() {
        try (ApplicationContext context = context(Map.of("GOBLINA_STORAGE_LOCAL_ROOT", "/srv/goblina/blobs"))) {
            assertThat(context.getBean(StorageConfig.class).localRoot()).isEqualTo("/srv/goblina/blobs");
        }
    }

    @Test
    void blankOptionalValuesCountAsUnset() {
        try (ApplicationContext context = context(Map.of(
                "GOBLINA_STORAGE_ENDPOINT", "",
                "GOBLINA_STORAGE_ACCESS_KEY", " ",
                "GOBLINA_STORAGE_SECRET_KEY", ""))) {
            StorageConfig config = context.getBean(StorageConfig.class);

            assertThat(config.endpoint()).isNull();
            assertThat(config.hasStaticCredentials()).isFalse();
        }
    }

    @Test
    void anInvalidBucketNameIsRefusedWhenTheConfigurationIsBound() {
        try (ApplicationContext context = context(Map.of("GOBLINA_STORAGE_BUCKET", "Not_A_Bucket"))) {
            assertThatThrownBy(() -> context.getBean(StorageConfig.class))
                    .hasStackTraceContaining("StorageConfig.bucket - must be a valid S3 bucket name");
        }
    }

    @Test
    void anUnknownKindIsRefused() {
        try (ApplicationContext context = context(Map.of("GOBLINA_STORAGE_KIND", "ftp"))) {
            assertThatThrownBy(() -> context.getBean(StorageConfig.class))
                    .hasStackTraceContaining("StorageConfig.kind - must be local or s3");
        }
    }

    @Test
    void anAccessKeyNeedsItsSecretKey() {
        assertThatThrownBy(() -> config("id", null, Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("access-key");
    }

    @Test
    void aPresignTtlMustBePositiveAndAtMostSevenDays() {
        assertThatThrownBy(() -> config(null, null, Duration.ofDays(8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config(null, null, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(config(null, null, Duration.ofDays(7)).presignTtl()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void theKeysStayOutOfToString() {
        String printed = config("AKIDEXAMPLE", "wJalrXUtnFEMI", Duration.ofMinutes(15)).toString();

        assertThat(printed).doesNotContain("AKIDEXAMPLE").doesNotContain("wJalrXUtnFEMI").contains("****");
    }

    private static StorageConfig config(String accessKey, String secretKey, Duration presignTtl) {
        return new StorageConfig("s3", "data/blobs", URI.create("http://127.0.0.1:9000"), "auto",
                "goblina", accessKey, secretKey, true, presignTtl, null);
    }

    /** A context configured only by {@code variables}, read as environment variables, not by this machine's. */
    private static ApplicationContext context(Map<String, String> variables) {
        return ApplicationContext.builder()
                .deduceEnvironment(false)
                .environmentPropertySource(false)
                .properties(Map.of(
                        "datasources.default.url", database.jdbcUrl(),
                        "datasources.default.username", database.username(),
                        "datasources.default.password", database.password()))
                .propertySources(new Variables(variables))
                .start();
    }

    /** Values named and mapped the way Micronaut maps the process environment. */
    private static final class Variables extends MapPropertySource {

        Variables(Map<String, String> variables) {
            super("test-environment", new HashMap<String, Object>(variables));
        }

        @Override
        public PropertyConvention getConvention() {
            return PropertyConvention.ENVIRONMENT_VARIABLE;
        }
    }
}
