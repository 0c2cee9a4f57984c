/**
 * The platform on one machine ({@link app.goblina.launcher.processes.Platform}): the embedded PostgreSQL, the API and
 * worker child processes with their launch commands and logs, their supervision (restart backoff, crash-loop guard),
 * readiness probes, the data-directory lock, leftover processes from an earlier start and the stop signals. It knows
 * nothing of the command line or of the REST client.
 */
package app.goblina.launcher.processes;
