/**
 * The REST client of Goblina's public API that the demo uses ({@link app.goblina.launcher.client.GoblinaClient}): its
 * views of characters and projects, the multipart upload body and {@link app.goblina.launcher.client.ApiException}.
 * It depends on nothing else of the launcher, only on HTTP and JSON.
 */
package app.goblina.launcher.client;
