-- Tenants and keys that a person manages (./goblina tenants|keys, /admin/...), per-tenant limits, and an audit
-- trail of every change.

-- A key is told apart by its prefix (its first characters, e.g. gob_live_Xy7Q), which is safe to show; the key
-- itself is shown once at creation and only its SHA-256 is kept. `label` is the key's name.
ALTER TABLE api_keys
    ADD COLUMN prefix       text NOT NULL DEFAULT '',
    ADD COLUMN last_used_at timestamptz,
    ADD COLUMN expires_at   timestamptz;
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at);

-- Limits a tenant's clients meet before any work is done; changeable per tenant.
ALTER TABLE tenants
    ADD COLUMN requests_per_minute_per_key int NOT NULL DEFAULT 120 CHECK (requests_per_minute_per_key > 0),
    ADD COLUMN projects_in_flight_max      int NOT NULL DEFAULT 10 CHECK (projects_in_flight_max > 0),
    ADD COLUMN uploads_per_day_max         int NOT NULL DEFAULT 200 CHECK (uploads_per_day_max > 0);

-- A tenant is named on the command line, so a name picks one tenant (compared without case).
CREATE UNIQUE INDEX tenants_name_unique ON tenants (lower(name));

-- Who changed what, when. `actor` is who held the admin key (and the operator it named); `subject` the tenant or
-- key changed, by id or prefix, never a secret.
CREATE TABLE audit_events (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text        NOT NULL,
    action    text        NOT NULL,
    tenant_id uuid REFERENCES tenants (id),
    subject   text        NOT NULL,
    detail    jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_at ON audit_events (at DESC);
CREATE INDEX audit_events_tenant ON audit_events (tenant_id, at DESC);
