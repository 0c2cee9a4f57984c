package app.goblina.api.guards;

import app.goblina.api.characters.ImageLimits;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Sets the server's ceiling on a request body from the image cap ({@code goblina.uploads.max-bytes}) plus room for
 * the multipart framing and the name, so an oversized upload is refused from its {@code Content-Length} (or as soon
 * as a chunked body passes the ceiling) before it is read, and never buffered whole. The upload route reads its
 * body as a stream ({@code app.goblina.api.characters.UploadReceiver}); should another route ever use the server's
 * multipart decoder, its file parts are capped the same way.
 */
@Singleton
public class RequestCeiling implements BeanCreatedEventListener<HttpServerConfiguration> {

    /** Multipart boundaries, part headers and a name field: far more than any honest form needs. */
    public static final long FORM_OVERHEAD_BYTES = 64 * 1024;

    private final ImageLimits limits;

    public RequestCeiling(ImageLimits limits) {
        this.limits = limits;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration server = event.getBean();
        long ceiling = limits.maxBytes() + FORM_OVERHEAD_BYTES;
        server.setMaxRequestSize(ceiling);
        HttpServerConfiguration.MultipartConfiguration multipart = server.getMultipart();
        multipart.setMaxFileSize(ceiling);
        return server;
    }
}
