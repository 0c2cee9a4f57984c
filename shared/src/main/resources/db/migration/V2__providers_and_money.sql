-- How the short is assembled (fit, transition). Live providers: which adapter and model each project uses (a null model means the adapter's configured one), submit-once bookkeeping, webhooks, narration,
-- and the money columns of the cost ledger.

ALTER TABLE projects
    ADD COLUMN video_provider     text   NOT NULL DEFAULT 'local',
    ADD COLUMN video_model        text,
    ADD COLUMN llm_provider       text   NOT NULL DEFAULT 'local',
    ADD COLUMN llm_model          text,
    ADD COLUMN narration_provider text,
    ADD COLUMN narration_voice    text,
    ADD COLUMN video_size         text,
    ADD COLUMN estimate_cents     bigint NOT NULL DEFAULT 0,
    ADD COLUMN fit                text   NOT NULL DEFAULT 'CROP',
    ADD COLUMN transition         text   NOT NULL DEFAULT 'CROSSFADE',
    ADD COLUMN word_highlight     boolean NOT NULL DEFAULT false,
    ADD COLUMN music              text;

-- When the intent to pay was recorded: a lookup for an earlier generation only considers ones created after it.
ALTER TABLE clips
    ADD COLUMN submit_intent_at timestamptz,
    ADD COLUMN ambiguous        boolean NOT NULL DEFAULT false;
CREATE INDEX clips_provider_job ON clips (provider, provider_job_id) WHERE provider_job_id IS NOT NULL;

ALTER TABLE scenarios
    ADD COLUMN narration_key     text,
    ADD COLUMN narration_status  text;

-- Verified webhook deliveries, so a replayed delivery is recognised and refused.
CREATE TABLE webhook_deliveries (
    provider    text        NOT NULL,
    delivery_id text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, delivery_id)
);

ALTER TABLE cost_entries
    ADD COLUMN purpose  text NOT NULL DEFAULT 'video',
    ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX cost_entries_idempotency ON cost_entries (idempotency_key) WHERE idempotency_key IS NOT NULL;
