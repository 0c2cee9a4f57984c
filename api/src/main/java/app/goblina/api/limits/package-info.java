/**
 * The limits of a tenant, each answered {@code 429} problem+json with {@code Retry-After}, and each read from the
 * tenant's row at the request ({@code ./goblina tenants update} changes them at once):
 *
 * <ul>
 *   <li><b>Requests per minute per API key</b> ({@code requests_per_minute_per_key}): a counter per key and minute
 *       in Redis, shared by every API replica ({@link app.goblina.api.limits.RequestsPerMinute}, checked by
 *       {@link app.goblina.api.limits.KeyRateLimit} as soon as the key is known). Without Redis
 *       configured each replica counts alone, which is exact for the single API of the embedded default; while a
 *       configured Redis is down the limit is not enforced (fail open), as the provider limits do.</li>
 *   <li><b>Projects in flight</b> ({@code projects_in_flight_max}) and <b>uploads per day</b> ({@code
 *       uploads_per_day_max}, days in UTC): counted in PostgreSQL, which holds the projects and characters
 *       themselves, under the tenant's row lock in the transaction that inserts the new one
 *       ({@link app.goblina.api.limits.TenantQuotas}). That is shared by every replica as Redis would be, and
 *       exact: a counter kept beside the rows could drift from them after a crash, and a refused request would
 *       count. These two are never skipped, since without PostgreSQL nothing can be created anyway.</li>
 * </ul>
 */
package app.goblina.api.limits;
