/**
 * Whether a failed job is tried again, and when: the policy ({@link app.goblina.worker.retries.RetryElection}),
 * its bounds ({@link app.goblina.worker.retries.RetryConfig}) and the verdict it leaves on a job it gives up on
 * ({@link app.goblina.worker.retries.RetryVerdict}). The job server's elect-state filter applies the policy to
 * every failure; the sweeper applies the same policy to a job JobRunr left failed without asking it.
 */
package app.goblina.worker.retries;
