package app.goblina.api.callbacks;

import app.goblina.api.docs.BodyGuarded;
import app.goblina.api.docs.KeyAuthenticated;
import app.goblina.api.auth.TenantContext;
import app.goblina.persistence.CallbackSecretRow;
import app.goblina.webhooks.CallbackSecrets;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/callbacks/secret}: the secret the caller's completion callbacks are signed with (made on first read),
 * and {@code POST /v1/callbacks/secret/rotate} to replace it. The replaced secret still signs callbacks, next to
 * the new one, for 24 hours. Bearer-authenticated like all of {@code /v1}; answers are never cached.
 */
@Controller("/v1/callbacks")
@KeyAuthenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class CallbackSecretController {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackSecretController.class);

    private final CallbackSecrets secrets;
    private final Clock clock = Clock.systemUTC();

    public CallbackSecretController(CallbackSecrets secrets) {
        this.secrets = secrets;
    }

    @Get("/secret")
    public HttpResponse<CallbackSecretView> secret(HttpRequest<?> request) {
        return answer(secrets.current(TenantContext.tenantId(request)));
    }

    @Post("/secret/rotate")
    @BodyGuarded
    public HttpResponse<CallbackSecretView> rotate(HttpRequest<?> request) {
        UUID tenantId = TenantContext.tenantId(request);
        CallbackSecretRow rotated = secrets.rotate(tenantId, clock.instant());
        LOG.info("Tenant {} rotated its callback signing secret", tenantId);
        return answer(rotated);
    }

    private HttpResponse<CallbackSecretView> answer(CallbackSecretRow row) {
        Instant previousUntil = row.previousSecret() != null && row.previousUntil() != null
                && row.previousUntil().isAfter(clock.instant()) ? row.previousUntil() : null;
        return HttpResponse.ok(new CallbackSecretView(row.secret(), row.createdAt(), row.rotatedAt(), previousUntil))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
