-- Completion callbacks: a project may name a URL that is told, signed, when the project ends (DONE, FAILED or
-- CANCELLED), retried until the receiver accepts it or the attempts run out.

-- One row per project that named a callback, inserted in the project's own transaction: a project that ended with
-- its callback WAITING or SENDING owes it, and the sweeper re-drives it. The first attempt fixes the event (type,
-- webhook-id, body), so every retry sends the same message.
CREATE TABLE project_callbacks (
    project_id      uuid PRIMARY KEY REFERENCES projects (id),
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    url             text        NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
    state           text        NOT NULL DEFAULT 'WAITING' CHECK (state IN ('WAITING', 'SENDING', 'DELIVERED', 'FAILED')),
    event_type      text,
    webhook_id      text,
    payload         text,
    next_attempt_at timestamptz,
    delivered_at    timestamptz,
    failure_reason  text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_callbacks_owed ON project_callbacks (updated_at) WHERE state IN ('WAITING', 'SENDING');

-- Every attempt, shown in GET /v1/projects/{id}: when, what the receiver answered (or why there was no answer), and
-- when the next one is due.
CREATE TABLE callback_attempts (
    id              bigserial PRIMARY KEY,
    project_id      uuid        NOT NULL REFERENCES project_callbacks (project_id),
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    number          int         NOT NULL CHECK (number > 0),
    at              timestamptz NOT NULL,
    http_status     int,
    error           text,
    next_attempt_at timestamptz,
    UNIQUE (project_id, number)
);

-- A tenant's signing secret (whsec_...), made when first needed. After a rotation the previous one still signs
-- callbacks until previous_until, next to the new one.
CREATE TABLE callback_secrets (
    tenant_id       uuid PRIMARY KEY REFERENCES tenants (id),
    secret          text        NOT NULL,
    previous_secret text,
    previous_until  timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    rotated_at      timestamptz
);
