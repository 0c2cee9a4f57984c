-- Whether the short's sound is normalized to the loudness target (the default) or keeps the clips' own levels.
ALTER TABLE projects
    ADD COLUMN normalize_loudness boolean NOT NULL DEFAULT true;
