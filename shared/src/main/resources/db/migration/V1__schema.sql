-- Goblina schema. Every row belongs to a tenant; every query names the tenant.
-- Statuses are text checked against the enums in app.goblina.domain; transitions are enforced in code and by
-- conditional updates (WHERE status = expected), so two workers can never both move a row.

CREATE TABLE tenants (
    id                 uuid PRIMARY KEY,
    name               text        NOT NULL,
    daily_budget_cents bigint      NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now()
);

-- Only the SHA-256 of a key is stored: keys are 256-bit random secrets, so a fast hash is enough and a
-- leaked table reveals no usable key.
CREATE TABLE api_keys (
    id         uuid PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenants (id),
    key_hash   text        NOT NULL UNIQUE,
    label      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE TABLE characters (
    id               uuid PRIMARY KEY,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    name             text        NOT NULL,
    image_key        text        NOT NULL,
    image_media_type text        NOT NULL,
    image_sha256     text        NOT NULL,
    image_width      int         NOT NULL,
    image_height     int         NOT NULL,
    status           text        NOT NULL CHECK (status IN ('ANALYZING', 'READY', 'FAILED')),
    style_guide      jsonb,
    analyst          text,
    failure_reason   text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX characters_tenant ON characters (tenant_id, created_at DESC);

CREATE TABLE projects (
    id             uuid PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES tenants (id),
    character_id   uuid        NOT NULL REFERENCES characters (id),
    topic          text        NOT NULL,
    preset         text        NOT NULL,
    scenario_count int         NOT NULL CHECK (scenario_count BETWEEN 1 AND 8),
    clip_seconds   int         NOT NULL,
    width          int         NOT NULL,
    height         int         NOT NULL,
    fps            int         NOT NULL,
    burn_captions  boolean     NOT NULL DEFAULT true,
    status         text        NOT NULL CHECK (status IN ('QUEUED', 'WRITING', 'GENERATING', 'ASSEMBLING', 'DONE', 'FAILED', 'CANCELLED')),
    stage          text        NOT NULL,
    failure_reason text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projects_tenant ON projects (tenant_id, created_at DESC, id DESC);
CREATE INDEX projects_waiting_on_character ON projects (character_id) WHERE status = 'QUEUED';

CREATE TABLE scenarios (
    id         uuid PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenants (id),
    project_id uuid        NOT NULL REFERENCES projects (id),
    idx        int         NOT NULL,
    title      text        NOT NULL,
    action     text        NOT NULL,
    caption    text        NOT NULL,
    prompt     text        NOT NULL,
    seconds    int         NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, idx)
);

CREATE TABLE clips (
    id              uuid PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    project_id      uuid        NOT NULL REFERENCES projects (id),
    scenario_id     uuid        NOT NULL UNIQUE REFERENCES scenarios (id),
    provider        text        NOT NULL,
    model           text        NOT NULL,
    provider_job_id text,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SUBMITTING', 'RUNNING', 'READY', 'FAILED', 'CANCELLED')),
    progress        int         NOT NULL DEFAULT 0,
    attempts        int         NOT NULL DEFAULT 0,
    polls           int         NOT NULL DEFAULT 0,
    cost_cents      bigint      NOT NULL DEFAULT 0,
    blob_key        text,
    failure_reason  text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clips_project ON clips (project_id);

CREATE TABLE renders (
    id               uuid PRIMARY KEY,
    tenant_id        uuid             NOT NULL REFERENCES tenants (id),
    project_id       uuid             NOT NULL UNIQUE REFERENCES projects (id),
    status           text             NOT NULL CHECK (status IN ('RENDERING', 'READY', 'FAILED')),
    blob_key         text,
    thumbnail_key    text,
    duration_seconds double precision,
    width            int,
    height           int,
    created_at       timestamptz      NOT NULL DEFAULT now(),
    updated_at       timestamptz      NOT NULL DEFAULT now()
);

-- A ledger line per paid call: reserved before the call, settled or released after.
CREATE TABLE cost_entries (
    id           uuid PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    project_id   uuid REFERENCES projects (id),
    clip_id      uuid REFERENCES clips (id),
    provider     text        NOT NULL,
    model        text        NOT NULL,
    units        numeric     NOT NULL,
    amount_cents bigint      NOT NULL,
    state        text        NOT NULL CHECK (state IN ('RESERVED', 'SETTLED', 'RELEASED')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cost_entries_tenant_day ON cost_entries (tenant_id, created_at);

-- One row per job execution of a project's pipeline: how long it waited in the queue and how long it ran.
CREATE TABLE job_runs (
    job_id      uuid PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    project_id  uuid,
    character_id uuid,
    job         text        NOT NULL,
    stage       text        NOT NULL,
    ready_at    timestamptz NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz
);
CREATE INDEX job_runs_project ON job_runs (project_id, started_at);
CREATE INDEX job_runs_character ON job_runs (character_id, started_at);
