-- What each running worker can serve: its adapters per port and the models each may be asked for ('*': any).
-- Workers rewrite their rows every 30 s; the API treats rows older than 90 s as gone and refuses a project that
-- names a provider or model no live worker offers.
CREATE TABLE worker_offers (
    worker_id text        NOT NULL,
    kind      text        NOT NULL CHECK (kind IN ('video', 'llm', 'narration')),
    provider  text        NOT NULL,
    models    text        NOT NULL,
    seen_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (worker_id, kind, provider)
);
CREATE INDEX worker_offers_seen ON worker_offers (seen_at);

-- The replay store stays small: a delivery older than twice the signature tolerance is refused by its timestamp
-- anyway, so its id need not be remembered.
CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);
