/**
 * What every request passes before a controller sees it, and what every response carries: the request-size
 * ceiling derived from the upload cap, strict JSON (no coercion, no duplicate keys, bounded depth and size, only
 * {@code application/json}), the cross-origin rule and the security headers. Each guard is one class named after
 * what it refuses or adds; its refusals are problem documents like every other error.
 */
package app.goblina.api.guards;
