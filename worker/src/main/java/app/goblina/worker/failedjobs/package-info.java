/**
 * What a job that JobRunr will not retry again means for its records ({@link
 * app.goblina.worker.failedjobs.JobsFailedForGood}): its clip, project or character fails with a reason a user can
 * read ({@link app.goblina.worker.failedjobs.FailureWording}) and its reservations are released. Called by the job
 * server's filter and by the sweeper's redrive; depends on the stages' failure recorders, never on JobRunr's server.
 */
package app.goblina.worker.failedjobs;
