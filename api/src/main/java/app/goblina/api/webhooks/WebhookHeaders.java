package app.goblina.api.webhooks;

/**
 * The Standard Webhooks headers of one delivery, each null when absent.
 *
 * @param id        {@code webhook-id}: the delivery's id, the same on every retry of it
 * @param timestamp {@code webhook-timestamp}: seconds since 1970 when it was signed
 * @param signature {@code webhook-signature}: space-separated {@code v1,<base64>} values
 */
public record WebhookHeaders(String id, String timestamp, String signature) {
}
