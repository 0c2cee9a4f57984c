package app.goblina.api.admin;

import app.goblina.api.problems.ApiException;
import app.goblina.domain.FieldError;
import app.goblina.domain.TextRules;
import app.goblina.persistence.ApiKeyRepository;
import app.goblina.persistence.ApiKeyRow;
import app.goblina.persistence.TenantRepository;
import app.goblina.persistence.TenantRow;
import app.goblina.tenants.ApiKeys;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes and changes tenants and keys. Each method is one transaction that also writes its audit event; the
 * tenant's row is locked while it changes, so two admins changing one tenant are applied one after the other.
 */
@Singleton
public class TenantAdministration {

    /** Every key Goblina issues starts with this, so a leaked one is recognisable (e.g. by secret scanners). */
    public static final String KEY_PREFIX = "gob_live_";
    /** How many characters of a key are kept and shown to tell it apart: the prefix and six random ones. */
    static final int SHOWN_PREFIX_LENGTH = KEY_PREFIX.length() + 6;

    static final long DEFAULT_DAILY_BUDGET_CENTS = 1_000;
    static final int DEFAULT_REQUESTS_PER_MINUTE_PER_KEY = 120;
    static final int DEFAULT_PROJECTS_IN_FLIGHT = 10;
    static final int DEFAULT_UPLOADS_PER_DAY = 200;
    private static final int MAX_NAME_LENGTH = 64;

    private final TenantRepository tenants;
    private final ApiKeyRepository keys;
    private final AuditTrail audit;

    public TenantAdministration(TenantRepository tenants, ApiKeyRepository keys, AuditTrail audit) {
        this.tenants = tenants;
        this.keys = keys;
        this.audit = audit;
    }

    @Transactional
    public TenantRow create(AdminActor actor, NewTenantRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String name = text("name", request.name(), errors);
        long budget = bounded("dailyBudgetCents", request.dailyBudgetCents(), DEFAULT_DAILY_BUDGET_CENTS, 0, 100_000_000, errors);
        int perMinute = (int) bounded("requestsPerMinutePerKey", request.requestsPerMinutePerKey(),
                DEFAULT_REQUESTS_PER_MINUTE_PER_KEY, 1, 100_000, errors);
        int inFlight = (int) bounded("projectsInFlightMax", request.projectsInFlightMax(), DEFAULT_PROJECTS_IN_FLIGHT, 1,
                10_000, errors);
        int uploads = (int) bounded("uploadsPerDayMax", request.uploadsPerDayMax(), DEFAULT_UPLOADS_PER_DAY, 1, 1_000_000,
                errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (tenants.findByNameIgnoringCase(name).isPresent()) {
            throw conflict("name", "a tenant named \"" + name + "\" exists already");
        }
        UUID id = UUID.randomUUID();
        tenants.insert(id, name, budget, perMinute, inFlight, uploads);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", name);
        detail.put("dailyBudgetCents", budget);
        detail.put("requestsPerMinutePerKey", perMinute);
        detail.put("projectsInFlightMax", inFlight);
        detail.put("uploadsPerDayMax", uploads);
        audit.record(actor, "tenant.created", id, "tenant " + id, detail);
        return tenants.findById(id).orElseThrow();
    }

    @Transactional
    public TenantRow change(AdminActor actor, String tenantRef, TenantChangeRequest request) {
        TenantRow before = lockedTenant(tenantRef);
        List<FieldError> errors = new ArrayList<>();
        long budget = bounded("dailyBudgetCents", request.dailyBudgetCents(), before.dailyBudgetCents(), 0, 100_000_000, errors);
        int perMinute = (int) bounded("requestsPerMinutePerKey", request.requestsPerMinutePerKey(),
                before.requestsPerMinutePerKey(), 1, 100_000, errors);
        int inFlight = (int) bounded("projectsInFlightMax", request.projectsInFlightMax(), before.projectsInFlightMax(), 1,
                10_000, errors);
        int uploads = (int) bounded("uploadsPerDayMax", request.uploadsPerDayMax(), before.uploadsPerDayMax(), 1,
                1_000_000, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        changed(detail, "dailyBudgetCents", before.dailyBudgetCents(), budget);
        changed(detail, "requestsPerMinutePerKey", before.requestsPerMinutePerKey(), perMinute);
        changed(detail, "projectsInFlightMax", before.projectsInFlightMax(), inFlight);
        changed(detail, "uploadsPerDayMax", before.uploadsPerDayMax(), uploads);
        if (detail.isEmpty()) {
            return before;
        }
        tenants.updateLimits(before.id(), budget, perMinute, inFlight, uploads);
        audit.record(actor, "tenant.changed", before.id(), "tenant " + before.id(), detail);
        return tenants.findById(before.id()).orElseThrow();
    }

    @Transactional
    public IssuedKey issueKey(AdminActor actor, String tenantRef, NewKeyRequest request) {
        TenantRow tenant = lockedTenant(tenantRef);
        List<FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? "default" : text("name", request.name(), errors);
        Instant now = Instant.now();
        Instant expiresAt = expiry(request, now, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String key = ApiKeys.newKey(KEY_PREFIX);
        UUID id = UUID.randomUUID();
        String prefix = key.substring(0, SHOWN_PREFIX_LENGTH);
        keys.insert(id, tenant.id(), ApiKeys.hash(key), name, prefix, expiresAt);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", name);
        detail.put("prefix", prefix);
        detail.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        audit.record(actor, "key.issued", tenant.id(), "key " + id, detail);
        return new IssuedKey(KeyView.of(keys.findById(id).orElseThrow(), now), key);
    }

    @Transactional
    public KeyView revoke(AdminActor actor, String keyRef) {
        ApiKeyRow key = key(keyRef);
        if (keys.revoke(key.id()) > 0) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("name", key.label());
            detail.put("prefix", key.prefix());
            audit.record(actor, "key.revoked", key.tenantId(), "key " + key.id(), detail);
        }
        return KeyView.of(keys.findById(key.id()).orElseThrow(), Instant.now());
    }

    /** The tenant named by id or by name. */
    public TenantRow tenant(String ref) {
        Optional<TenantRow> found = isUuid(ref) ? tenants.findById(UUID.fromString(ref)) : tenants.findByNameIgnoringCase(ref);
        return found.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Not found",
                List.of(new FieldError("tenant", "no tenant with this id or name"))));
    }

    /** The key named by id or by its shown prefix. */
    public ApiKeyRow key(String ref) {
        if (isUuid(ref)) {
            return keys.findById(UUID.fromString(ref)).orElseThrow(TenantAdministration::keyNotFound);
        }
        List<ApiKeyRow> byPrefix = ref.startsWith(KEY_PREFIX) && ref.length() >= SHOWN_PREFIX_LENGTH
                ? keys.findByPrefix(ref.substring(0, SHOWN_PREFIX_LENGTH))
                : List.of();
        if (byPrefix.size() > 1) {
            throw conflict("key", "more than one key has this prefix; name the key by its id");
        }
        return byPrefix.stream().findFirst().orElseThrow(TenantAdministration::keyNotFound);
    }

    private TenantRow lockedTenant(String ref) {
        TenantRow tenant = tenant(ref);
        tenants.lock(tenant.id());
        return tenants.findById(tenant.id()).orElseThrow();
    }

    private static void changed(Map<String, Object> detail, String field, long before, long after) {
        if (before != after) {
            detail.put(field, Map.of("from", before, "to", after));
        }
    }

    private static @Nullable Instant expiry(NewKeyRequest request, Instant now, List<FieldError> errors) {
        if (request.expiresAt() != null && request.expiresInDays() != null) {
            errors.add(new FieldError("expiresAt", "give expiresAt or expiresInDays, not both"));
            return null;
        }
        if (request.expiresInDays() != null) {
            int days = request.expiresInDays();
            if (days < 1 || days > 3650) {
                errors.add(new FieldError("expiresInDays", "must be 1–3650, was " + days));
                return null;
            }
            return now.plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        }
        if (request.expiresAt() != null) {
            try {
                Instant at = Instant.parse(request.expiresAt());
                if (!at.isAfter(now)) {
                    errors.add(new FieldError("expiresAt", "must be in the future"));
                }
                return at;
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("expiresAt", "must be an ISO-8601 instant, e.g. 2027-01-31T00:00:00Z"));
            }
        }
        return null;
    }

    private static String text(String field, @Nullable String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return "";
        }
        String stripped = value.strip();
        TextRules.problem(stripped, MAX_NAME_LENGTH).ifPresent(reason -> errors.add(new FieldError(field, reason)));
        return stripped;
    }

    private static long bounded(String field, @Nullable Long value, long fallback, long min, long max, List<FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            errors.add(new FieldError(field, "must be " + min + "–" + max + ", was " + value));
        }
        return value;
    }

    private static long bounded(String field, @Nullable Integer value, long fallback, long min, long max, List<FieldError> errors) {
        return bounded(field, value == null ? null : value.longValue(), fallback, min, max, errors);
    }

    private static boolean isUuid(String ref) {
        return ref.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }

    private static ApiException conflict(String field, String reason) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", List.of(new FieldError(field, reason)));
    }

    private static ApiException keyNotFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", List.of(new FieldError("key", "no key with this id or prefix")));
    }
}
