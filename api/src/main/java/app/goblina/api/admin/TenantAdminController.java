package app.goblina.api.admin;

import app.goblina.api.docs.AdminAuthenticated;
import app.goblina.api.docs.ById;
import app.goblina.api.docs.JsonBody;
import app.goblina.api.docs.Conflict;
import app.goblina.api.problems.ApiException;
import app.goblina.persistence.TenantRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** {@code /admin/tenants}: make a tenant, list them, show one, change its budget and limits. */
@Controller("/admin/tenants")
@AdminAuthenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class TenantAdminController {

    private final TenantAdministration administration;
    private final TenantRepository tenants;

    public TenantAdminController(TenantAdministration administration, TenantRepository tenants) {
        this.administration = administration;
        this.tenants = tenants;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @JsonBody
    @Conflict
    public HttpResponse<TenantView> create(HttpRequest<?> request, @Body @Nullable NewTenantRequest body) {
        if (body == null) {
            throw ApiException.invalid("request", "a JSON body is required");
        }
        TenantView created = TenantView.of(administration.create(AdminActor.of(request), body));
        return HttpResponse.created(created).header("Location", "/admin/tenants/" + created.id());
    }

    @Get
    public List<TenantView> list() {
        return tenants.findAll().stream().map(TenantView::of).toList();
    }

    @Get("/{tenant}")
    @ById
    public TenantView get(@PathVariable("tenant") String tenant) {
        return TenantView.of(administration.tenant(tenant));
    }

    @Patch(value = "/{tenant}", consumes = MediaType.APPLICATION_JSON)
    @ById
    @JsonBody
    @Conflict
    public TenantView change(HttpRequest<?> request, @PathVariable("tenant") String tenant,
            @Body @Nullable TenantChangeRequest body) {
        if (body == null) {
            throw ApiException.invalid("request", "a JSON body is required");
        }
        return TenantView.of(administration.change(AdminActor.of(request), tenant, body));
    }
}
