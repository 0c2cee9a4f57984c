package app.goblina.worker.media;

/** How a clip whose shape differs from the short's frame is fitted into it. */
public enum Fit {
    /** Scaled to cover the whole frame; what overflows is cut off evenly on both sides. The default. */
    CROP,
    /** Scaled to fit inside the frame, whole; the bars left over are black. */
    LETTERBOX
}
