package app.goblina.launcher.client;

/**
 * One job run of a project, from the project's {@code timings}.
 *
 * @param job         the job's name, e.g. {@code WriteScenarios}
 * @param stage       the stage it belongs to
 * @param waitSeconds from enqueue (or its scheduled time) to start; {@code null} if it has not started
 * @param runSeconds  from start to end; {@code null} if it has not ended
 */
public record JobTiming(String job, String stage, Double waitSeconds, Double runSeconds) {
}
