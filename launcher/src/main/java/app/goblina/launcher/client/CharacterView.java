package app.goblina.launcher.client;

/**
 * A character as {@code GET /v1/characters/{id}} (and, partly, {@code POST /v1/characters}) returns it. The style
 * guide is left out: the demo only needs to know when the analysis is over.
 *
 * @param id     its id
 * @param name   its name
 * @param status ANALYZING, READY or FAILED
 * @param error  why it failed, or {@code null}
 */
public record CharacterView(String id, String name, String status, Failure error) {
}
