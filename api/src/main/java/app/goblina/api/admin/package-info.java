/**
 * The admin surface, {@code /admin/...}: tenants, their budgets and limits, their API keys, and the audit trail of
 * every change. It answers only to the admin key from {@code GOBLINA_ADMIN_API_KEY} and is off when that is unset;
 * {@code ./goblina tenants ...} and {@code ./goblina keys ...} are its command line. Every change and its audit
 * event are written in one transaction, so there is no change without its record.
 */
package app.goblina.api.admin;
