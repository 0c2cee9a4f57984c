package app.goblina.persistence;

import io.micronaut.core.annotation.Introspected;

/**
 * One tenant's cost entries of today (UTC) in one state.
 *
 * @param tenant the tenant's name
 * @param state  RESERVED or SETTLED
 * @param cents  their sum
 */
@Introspected
public record TenantCostToday(String tenant, String state, long cents) {
}
