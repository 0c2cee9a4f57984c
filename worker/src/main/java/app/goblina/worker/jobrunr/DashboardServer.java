package app.goblina.worker.jobrunr;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jobrunr.dashboard.JobRunrApiHandler;
import org.jobrunr.dashboard.JobRunrSseHandler;
import org.jobrunr.dashboard.JobRunrStaticFileHandler;
import org.jobrunr.dashboard.server.HttpExchangeHandler;
import org.jobrunr.dashboard.server.http.RedirectHttpHandler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.ThreadSafeStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JobRunr's dashboard (its pages, its REST API and its event streams) served from an HTTP server of our own, bound
 * to {@link DashboardConfig#host()} only: JobRunr's own server listens on every interface and offers no host. Every
 * path asks for the login when one is configured, carries {@link DashboardHeaders} and refuses cross-origin state
 * changes ({@link SameOriginWrites}). JobRunr's anonymous usage reporting is off.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<HttpExchangeHandler> handlers;

    private DashboardServer(HttpServer server, ExecutorService executor, List<HttpExchangeHandler> handlers) {
        this.server = server;
        this.executor = executor;
        this.handlers = handlers;
    }

    /** Starts serving the dashboard of {@code storage}; fails when the address cannot be bound. */
    public static DashboardServer start(DashboardConfig config, StorageProvider storage, JsonMapper jsonMapper) {
        StorageProvider shared = new ThreadSafeStorageProvider(storage);
        List<HttpExchangeHandler> handlers = List.of(
                new RedirectHttpHandler("/", "/dashboard"),
                new JobRunrStaticFileHandler(),
                new JobRunrApiHandler(shared, jsonMapper, false),
                new JobRunrSseHandler(shared, jsonMapper));
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.address(), config.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("The dashboard cannot listen on " + config.host() + ":" + config.port(), e);
        }
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        SameOriginWrites sameOrigin = new SameOriginWrites(config.loopbackOnly());
        DashboardHeaders headers = new DashboardHeaders();
        DashboardLogin login = config.requiresLogin() ? new DashboardLogin(config.username(), config.password()) : null;
        for (HttpExchangeHandler handler : handlers) {
            HttpContext context = server.createContext(handler.getContextPath(), handler);
            // Filters run before the login check: refusals carry the headers, and a cross-origin write is refused
            // whatever credentials it carries.
            context.getFilters().add(headers);
            context.getFilters().add(sameOrigin);
            if (login != null) {
                context.setAuthenticator(login);
            }
        }
        server.start();
        LOG.info("JobRunr dashboard at http://{}:{}/dashboard ({})", config.host(), server.getAddress().getPort(),
                login == null ? "no login, loopback only" : "login required");
        return new DashboardServer(server, executor, handlers);
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        for (HttpExchangeHandler handler : handlers) {
            try {
                handler.close();
            } catch (RuntimeException e) {
                LOG.warn("Could not close a dashboard handler: {}", e.toString());
            }
        }
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("JobRunr dashboard stopped");
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "dashboard-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
