package app.goblina.api.webhooks;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock webhook timestamps are judged by, UTC, unless the application already has one (tests replace it). */
@Factory
public class WebhookClockFactory {

    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock webhookClock() {
        return Clock.systemUTC();
    }
}
