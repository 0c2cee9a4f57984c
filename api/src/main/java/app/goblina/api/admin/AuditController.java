package app.goblina.api.admin;

import app.goblina.api.docs.AdminAuthenticated;
import app.goblina.api.docs.ById;
import app.goblina.api.problems.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** {@code GET /admin/audit[?tenant=ID|NAME][&size=N]}: the newest admin changes first, at most 500. */
@Controller("/admin/audit")
@AdminAuthenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {

    static final int MAX_SIZE = 500;

    private final TenantAdministration administration;
    private final AuditTrail audit;

    public AuditController(TenantAdministration administration, AuditTrail audit) {
        this.administration = administration;
        this.audit = audit;
    }

    @Get
    @ById
    public List<AuditEventView> list(@QueryValue @Nullable String tenant, @QueryValue(defaultValue = "100") String size) {
        int limit;
        try {
            limit = Integer.parseInt(size);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_SIZE) {
            throw ApiException.invalid("size", "must be a whole number 1–" + MAX_SIZE);
        }
        return audit.newestFirst(tenant == null ? null : administration.tenant(tenant).id(), limit);
    }
}
