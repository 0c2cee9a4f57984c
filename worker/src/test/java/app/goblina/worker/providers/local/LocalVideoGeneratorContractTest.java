package app.goblina.worker.providers.local;

import app.goblina.clips.ClipRequest;
import app.goblina.clips.VideoGenerator;
import app.goblina.storage.local.LocalDiskBlobStore;
import app.goblina.worker.WorkerConfig;
import app.goblina.worker.limits.MediaSlots;
import app.goblina.worker.media.AnimatedClipRenderer;
import app.goblina.worker.providers.VideoContractMedia;
import app.goblina.worker.providers.VideoGeneratorContractTest;
import java.time.Duration;

/** The local FFmpeg renderer under the video contract: the lifecycle tests; it calls no provider to fake. */
class LocalVideoGeneratorContractTest extends VideoGeneratorContractTest {

    @Override
    protected ProviderFake startFake() {
        return null;
    }

    @Override
    protected VideoGenerator localGenerator() {
        WorkerConfig config = new WorkerConfig("contract", 1, Duration.ofSeconds(5), false, 1,
                work.resolve("scratch").toString(), Duration.ofMinutes(5), Duration.ofMinutes(30));
        return new LocalVideoGenerator(new LocalDiskBlobStore(work.resolve("blobs")), new AnimatedClipRenderer(),
                new MediaSlots(config), config);
    }

    /** Small and short: this implementation really encodes every clip it is asked for. */
    @Override
    protected ClipRequest request(String prompt) {
        return VideoContractMedia.request(prompt, 1, 160, 288);
    }
}
