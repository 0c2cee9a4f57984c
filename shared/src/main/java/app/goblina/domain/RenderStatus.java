package app.goblina.domain;

/** Lifecycle of the assembled short of a project. */
public enum RenderStatus {
    RENDERING,
    READY,
    FAILED
}
