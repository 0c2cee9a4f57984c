package app.goblina.worker.jobrunr;

import io.micronaut.context.BeanContext;
import jakarta.inject.Singleton;
import org.jobrunr.server.JobActivator;

/** Gives JobRunr its job handlers from the Micronaut context, so they get their dependencies injected. */
@Singleton
public class ContextJobActivator implements JobActivator {

    private final BeanContext context;

    public ContextJobActivator(BeanContext context) {
        this.context = context;
    }

    @Override
    public <T> T activateJob(Class<T> type) {
        return context.getBean(type);
    }
}
