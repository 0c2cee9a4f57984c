-- Durability: a provider generation belongs to at most one clip, narration can fail, and a cancel is carried out
-- by a job whose completion is on record, so a crash between the API's cancel and the providers is re-driven.

-- Two clips with the same prompt and settings may look up the same earlier generation after a lost answer: the
-- unique index lets only one of them claim it, and the other looks again or submits its own.
DROP INDEX IF EXISTS clips_provider_job;
CREATE UNIQUE INDEX clips_provider_job ON clips (provider, provider_job_id) WHERE provider_job_id IS NOT NULL;

ALTER TABLE scenarios
    ADD CONSTRAINT scenarios_narration_status CHECK (narration_status IS NULL OR narration_status IN ('PENDING', 'READY', 'FAILED'));

-- One row per cancelled project: written with the cancel itself, in the same transaction; carried_out_at is set
-- once the CancelProject job has reached the providers and released the reservations.
CREATE TABLE project_cancellations (
    project_id     uuid PRIMARY KEY REFERENCES projects (id),
    tenant_id      uuid        NOT NULL REFERENCES tenants (id),
    requested_at   timestamptz NOT NULL DEFAULT now(),
    carried_out_at timestamptz,
    note           text
);
CREATE INDEX project_cancellations_pending ON project_cancellations (requested_at) WHERE carried_out_at IS NULL;
