package app.goblina.launcher.client;

/**
 * Why a character or project failed, as the API reports it.
 *
 * @param stage  the pipeline stage it failed in: analysis, scenarios, clips or assembly
 * @param reason what went wrong, for people
 */
public record Failure(String stage, String reason) {
}
