package app.goblina.testkit.fakes.video;

import java.net.URI;

/**
 * A webhook a video fake owes for a finished generation: where it goes and its body in the vendor's shape.
 */
public record WebhookEvent(URI url, String body) {
}
