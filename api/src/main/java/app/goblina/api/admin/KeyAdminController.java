package app.goblina.api.admin;

import app.goblina.api.docs.AdminAuthenticated;
import app.goblina.api.docs.ById;
import app.goblina.api.docs.JsonBody;
import app.goblina.api.docs.Conflict;
import app.goblina.persistence.ApiKeyRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.util.List;

/**
 * A tenant's API keys: {@code POST /admin/tenants/{tenant}/keys} issues one (the key is in that answer only),
 * {@code GET} lists them by prefix, {@code DELETE /admin/keys/{key}} revokes one at once (by id or prefix).
 */
@Controller("/admin")
@AdminAuthenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class KeyAdminController {

    private final TenantAdministration administration;
    private final ApiKeyRepository keys;

    public KeyAdminController(TenantAdministration administration, ApiKeyRepository keys) {
        this.administration = administration;
        this.keys = keys;
    }

    @Post(value = "/tenants/{tenant}/keys", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @ById
    @JsonBody
    public HttpResponse<IssuedKey> issue(HttpRequest<?> request, @PathVariable("tenant") String tenant,
            @Body @Nullable NewKeyRequest body) {
        IssuedKey issued = administration.issueKey(AdminActor.of(request), tenant,
                body == null ? new NewKeyRequest(null, null, null) : body);
        return HttpResponse.created(issued).header("Location", "/admin/keys/" + issued.apiKey().id());
    }

    @Get("/tenants/{tenant}/keys")
    @ById
    public List<KeyView> list(@PathVariable("tenant") String tenant) {
        Instant now = Instant.now();
        return keys.findByTenant(administration.tenant(tenant).id()).stream().map(row -> KeyView.of(row, now)).toList();
    }

    @Get("/keys/{key}")
    @ById
    @Conflict
    public KeyView get(@PathVariable("key") String key) {
        return KeyView.of(administration.key(key), Instant.now());
    }

    @Delete("/keys/{key}")
    @ById
    @Conflict
    public KeyView revoke(HttpRequest<?> request, @PathVariable("key") String key) {
        return administration.revoke(AdminActor.of(request), key);
    }
}
