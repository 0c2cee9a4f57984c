package app.goblina.api.projects;

import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * One project's view as a stream of Server-Sent Events: the view at once, then again each time it differs from the
 * last one sent, until the project is DONE, FAILED or CANCELLED. Each stream re-reads its project on a virtual
 * thread of its own every {@link ProjectEventsConfig#pollInterval()}, and sends a comment line when it has been
 * silent for {@link ProjectEventsConfig#heartbeatInterval()}. Why re-reading, and what it costs: docs/adr/0009.
 */
@Singleton
public class ProjectEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectEvents.class);

    private final ProjectRepository projects;
    private final ProjectViews views;
    private final JsonMapper json;
    private final ProjectEventsConfig config;

    public ProjectEvents(ProjectRepository projects, ProjectViews views, JsonMapper json, ProjectEventsConfig config) {
        this.projects = projects;
        this.views = views;
        this.json = json;
        this.config = config;
    }

    /** The events of {@code project}, as read now and after; {@code onEnd} runs once the stream ends in any way. */
    public Publisher<Event<String>> of(ProjectRow project, Runnable onEnd) {
        return Flux.<Event<String>>create(sink -> {
            Thread reader = Thread.ofVirtual().name("project-events-" + project.id())
                    .start(() -> follow(project, sink));
            sink.onDispose(reader::interrupt);
        }).doFinally(signal -> onEnd.run());
    }

    private void follow(ProjectRow first, FluxSink<Event<String>> sink) {
        ProjectRow project = first;
        String lastSent = null;
        long sequence = 0;
        long silentSince = System.nanoTime();
        try {
            while (!sink.isCancelled()) {
                String view = json.writeValueAsString(views.of(project));
                if (!view.equals(lastSent)) {
                    sink.next(Event.of(view).id(Long.toString(++sequence)).retry(config.retry()));
                    lastSent = view;
                    silentSince = System.nanoTime();
                } else if (System.nanoTime() - silentSince >= config.heartbeatInterval().toNanos()) {
                    sink.next(Event.of("").comment("heartbeat"));
                    silentSince = System.nanoTime();
                }
                if (project.status().isTerminal()) {
                    sink.complete();
                    return;
                }
                TimeUnit.NANOSECONDS.sleep(config.pollInterval().toNanos());
                Optional<ProjectRow> again = projects.findByIdAndTenantId(project.id(), project.tenantId());
                if (again.isEmpty()) {
                    sink.complete();
                    return;
                }
                project = again.get();
            }
        } catch (InterruptedException e) {
            // the client went away: the sink is disposed already
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            sink.error(new UncheckedIOException(e));
        } catch (RuntimeException e) {
            LOG.warn("Event stream of project {} ended: {}", first.id(), e.toString());
            sink.error(e);
        }
    }
}
