/**
 * Completion callbacks: the {@code NotifyCallback} job's stage ({@link app.goblina.worker.callbacks.NotifyCallbackStage}),
 * the event it sends ({@link app.goblina.worker.callbacks.CallbackEvent}) and the one HTTP POST per attempt, made to
 * the address the callback policy has just checked ({@link app.goblina.worker.callbacks.CallbackPost}). Depends on
 * the pipeline's {@code JobStage} and shared code only.
 */
package app.goblina.worker.callbacks;
