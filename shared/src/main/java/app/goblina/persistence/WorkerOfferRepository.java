package app.goblina.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The adapters and models live workers advertise (table {@code worker_offers}). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WorkerOfferRepository extends GenericRepository<TenantRow, java.util.UUID> {

    @Query("INSERT INTO worker_offers (worker_id, kind, provider, models, seen_at) VALUES (:workerId, :kind, :provider, :models, now()) "
            + "ON CONFLICT (worker_id, kind, provider) DO UPDATE SET models = EXCLUDED.models, seen_at = now()")
    void advertise(String workerId, String kind, String provider, String models);

    @Query("DELETE FROM worker_offers WHERE worker_id = :workerId")
    void withdraw(String workerId);

    /** Rows seen in the last {@code seconds}: what live workers offer. Older rows are dropped on the way. */
    @Query("SELECT DISTINCT kind, provider, models FROM worker_offers WHERE seen_at > now() - make_interval(secs => :seconds)")
    List<WorkerOfferRow> live(int seconds);

    @Query("DELETE FROM worker_offers WHERE seen_at < now() - interval '1 day'")
    void forgetLongGone();
}
