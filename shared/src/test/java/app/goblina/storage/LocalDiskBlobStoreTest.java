package app.goblina.storage;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.storage.BlobStore.BlobInfo;
import app.goblina.storage.local.LocalDiskBlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDiskBlobStoreTest extends BlobStoreContractTest {

    @TempDir
    Path root;

    private LocalDiskBlobStore store;

    @BeforeEach
    void createStore() {
        store = new LocalDiskBlobStore(root);
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected boolean signsUrls() {
        return false;
    }

    @Test
    void aFileCopiedInByHandGetsATypeFromItsExtension() throws IOException {
        Files.createDirectories(root.resolve("objects/manual"));
        Files.writeString(root.resolve("objects/manual/notes.txt"), "hi", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("objects/manual/data.unknown"), "hi", StandardCharsets.UTF_8);

        assertThat(store.stat("manual/notes.txt")).contains(new BlobInfo("manual/notes.txt", 2, "text/plain"));
        assertThat(store.stat("manual/data.unknown")).map(BlobInfo::contentType).contains("application/octet-stream");
    }

    @Test
    void aFolderIsNotAnObject() {
        store.put("tenants/t1/clip.mp4", new byte[] {1}, "video/mp4");

        assertThat(store.stat("tenants/t1")).isEmpty();
        assertThat(store.open("tenants/t1")).isEmpty();
    }
}
