package app.goblina.api.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code webhook_deliveries}: a verified delivery, kept so its replay is recognised. The table's key is
 * (provider, delivery id); only queries written out in {@link WebhookDeliveryRepository} touch it.
 */
@MappedEntity("webhook_deliveries")
public record WebhookDeliveryRow(@Id String deliveryId, String provider, @Nullable Instant receivedAt) {
}
