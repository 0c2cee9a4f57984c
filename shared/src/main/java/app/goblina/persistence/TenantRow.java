package app.goblina.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** A row of {@code tenants}: an account that owns API keys and everything made with them. */
@MappedEntity("tenants")
public record TenantRow(@Id UUID id, String name, long dailyBudgetCents) {
}
