package app.goblina.api.limits;

import app.goblina.api.problems.ApiException;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.TenantRepository;
import app.goblina.persistence.TenantRow;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A tenant's projects in flight and uploads per day, counted from the rows themselves. Each {@code check} locks
 * the tenant's row and must run in the transaction that then inserts the new row, so that parallel requests of
 * one tenant, on any replica, are counted one after the other: ten slots admit ten.
 */
@Singleton
public class TenantQuotas {

    /** When a project will end is not known; a minute is a polite time to look again. */
    static final Duration PROJECT_RETRY = Duration.ofMinutes(1);

    private final TenantRepository tenants;
    private final ProjectRepository projects;
    private final CharacterRepository characters;
    private final LimitMetrics metrics;
    private final Clock clock;

    public TenantQuotas(TenantRepository tenants, ProjectRepository projects, CharacterRepository characters,
            LimitMetrics metrics, Clock clock) {
        this.tenants = tenants;
        this.projects = projects;
        this.characters = characters;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Inside the transaction inserting a project: refuses it while the tenant has {@code projects_in_flight_max}
     * unfinished ones.
     *
     * @return the tenant's row, read under the row lock this transaction now holds
     * @throws ApiException 429 naming {@code projects}
     */
    public TenantRow checkProjectsInFlight(UUID tenantId) {
        TenantRow tenant = locked(tenantId);
        long unfinished = projects.countUnfinished(tenantId);
        if (unfinished >= tenant.projectsInFlightMax()) {
            metrics.refused(LimitMetrics.PROJECTS_IN_FLIGHT);
            throw ApiException.tooManyRequests("projects", unfinished + " of this tenant's projects are unfinished, its limit "
                    + "of projects in flight; start this one when one of them has ended", PROJECT_RETRY);
        }
        return tenant;
    }

    /**
     * Before anything is stored, and again inside the transaction inserting a character: refuses an upload once
     * the tenant has made {@code uploads_per_day_max} today (UTC).
     *
     * @throws ApiException 429 naming {@code image}, with {@code Retry-After} until midnight UTC
     */
    public void checkUploadsToday(UUID tenantId) {
        TenantRow tenant = locked(tenantId);
        Instant now = clock.instant();
        Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
        long today = characters.countUploadedSince(tenantId, midnight);
        if (today >= tenant.uploadsPerDayMax()) {
            metrics.refused(LimitMetrics.UPLOADS_PER_DAY);
            throw ApiException.tooManyRequests("image", "this tenant uploaded " + today + " characters today (UTC), its "
                    + "daily limit; uploads open again at midnight UTC", Duration.between(now, midnight.plus(Duration.ofDays(1))));
        }
    }

    /** Inserts a character in one transaction with {@link #checkUploadsToday}, which it passes first. */
    @Transactional
    public <T> T admitUpload(UUID tenantId, Supplier<T> insert) {
        checkUploadsToday(tenantId);
        return insert.get();
    }

    private TenantRow locked(UUID tenantId) {
        return tenants.lockAndRead(tenantId).orElseThrow(() -> new IllegalStateException("No tenant " + tenantId));
    }
}
