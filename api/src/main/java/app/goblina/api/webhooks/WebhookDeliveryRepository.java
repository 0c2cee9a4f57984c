package app.goblina.api.webhooks;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** Verified webhook deliveries by (provider, {@code webhook-id}): the memory that makes a replay recognisable. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WebhookDeliveryRepository extends GenericRepository<WebhookDeliveryRow, String> {

    /** Records a delivery; 1 when it is new, 0 when that provider already sent this id (a retry or a replay). */
    @Query("INSERT INTO webhook_deliveries (provider, delivery_id) VALUES (:provider, :deliveryId) "
            + "ON CONFLICT (provider, delivery_id) DO NOTHING")
    int recordIfNew(String provider, String deliveryId);

    /** Forgets a delivery whose handling failed, so the provider's retry is handled instead of refused. */
    @Query("DELETE FROM webhook_deliveries WHERE provider = :provider AND delivery_id = :deliveryId")
    int forget(String provider, String deliveryId);

    /** Forgets deliveries older than {@code seconds}: their timestamps are refused as stale before the store is asked. */
    @Query("DELETE FROM webhook_deliveries WHERE received_at < now() - make_interval(secs => :seconds)")
    int forgetOlderThan(long seconds);
}
