package app.goblina.testkit.fakes.replicate;

import java.time.Instant;

/**
 * One prediction a {@link FakeReplicateServer} created: a paid generation, whether or not its answer reached the
 * client (a create answered too late still counts).
 *
 * @param id        the prediction's id, as a client records it
 * @param model     {@code owner/name}
 * @param prompt    the {@code prompt} input
 * @param createdAt the fake's time of the create
 */
public record CreatedPrediction(String id, String model, String prompt, Instant createdAt) {
}
