package app.goblina.testkit.fakes.video;

import java.time.Instant;

/** One paid render a video fake accepted (a Sora video, a Replicate prediction), as its core tracks it. */
public interface Generation {

    /** The vendor's id for it, as clients record it. */
    String id();

    /** Whether it has ended (completed, failed or cancelled) at {@code now}: from then on its webhook is due. */
    boolean finishedAt(Instant now);
}
