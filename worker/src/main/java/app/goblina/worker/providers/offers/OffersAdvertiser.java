package app.goblina.worker.providers.offers;

import app.goblina.persistence.WorkerOfferRepository;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what this worker offers to {@code worker_offers} at start and every {@link #EVERY_SECONDS} s after, and
 * withdraws it at a graceful stop. A killed worker's rows simply age out: the API counts rows younger than three
 * rounds. While PostgreSQL is down a round is skipped, and the next one catches up.
 */
@Singleton
public class OffersAdvertiser implements ApplicationEventListener<StartupEvent> {

    static final int EVERY_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(OffersAdvertiser.class);

    private final String workerId = UUID.randomUUID().toString();
    private final WorkerOffers offers;
    private final WorkerOfferRepository repository;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "goblina-offers");
        thread.setDaemon(true);
        return thread;
    });

    public OffersAdvertiser(WorkerOffers offers, WorkerOfferRepository repository) {
        this.offers = offers;
        this.repository = repository;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        timer.scheduleWithFixedDelay(this::advertise, 0, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    void advertise() {
        try {
            for (String kind : offers.kinds()) {
                for (Map.Entry<String, Set<String>> adapter : offers.of(kind).entrySet()) {
                    repository.advertise(workerId, kind, adapter.getKey(), String.join("|", adapter.getValue()));
                }
            }
            repository.forgetLongGone();
        } catch (RuntimeException e) {
            LOG.debug("Could not advertise this worker's providers; the next round retries", e);
        }
    }

    /** Withdraws the rows before the datasource closes. */
    @PreDestroy
    void withdraw() {
        timer.shutdownNow();
        try {
            repository.withdraw(workerId);
        } catch (RuntimeException e) {
            LOG.debug("Could not withdraw this worker's offers; they age out", e);
        }
    }
}
