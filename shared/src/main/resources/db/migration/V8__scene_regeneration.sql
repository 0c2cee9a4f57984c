-- Regenerating one scene of a finished short (ADR 10). A scene may have several clips, one per generation; the
-- highest generation is the scene's current clip, the others are kept as they were paid for. A project counts its
-- regenerations, which suffix its assembly's and callback's job ids; a scene counts its new lines, which suffix its
-- narration's job id. Generation 0 keeps every earlier id.
ALTER TABLE clips
    ADD COLUMN generation int NOT NULL DEFAULT 0 CHECK (generation >= 0);
ALTER TABLE clips DROP CONSTRAINT clips_scenario_id_key;
ALTER TABLE clips ADD CONSTRAINT clips_scenario_generation UNIQUE (scenario_id, generation);

ALTER TABLE projects
    ADD COLUMN generation int NOT NULL DEFAULT 0 CHECK (generation >= 0);

ALTER TABLE scenarios
    ADD COLUMN generation int NOT NULL DEFAULT 0 CHECK (generation >= 0);
