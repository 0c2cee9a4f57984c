package app.goblina.worker.spending;

import java.util.UUID;

/**
 * What one paid call spends, described by the stage that makes it; {@link PaidCall} prices it, reserves it and
 * settles it. A single call (analysis, writing, narration) takes one request permit and settles as soon as it
 * answers. A generation (a clip) holds a generation slot from its create until its file is delivered, and settles
 * then.
 *
 * @param purpose    what is bought, which also decides the price rule
 * @param projectId  null for a character's analysis, which belongs to no project
 * @param clipId     the clip a generation is for; null otherwise
 * @param model      the model (the voice, for narration) the ledger line names
 * @param limitModel the model the provider limits are kept under; null for the provider's default
 * @param units      calls, characters or seconds, as the purpose counts them
 * @param ledgerKey  one per paid call of a record (see {@code CostLedger}'s keys): a retry reserves the same line
 */
public record Spend(Purpose purpose, UUID tenantId, UUID projectId, UUID clipId, String provider, String model,
        String limitModel, int units, String ledgerKey) {

    /** What a spend buys. The column value is what the ledger stores as the line's purpose. */
    public enum Purpose {
        ANALYSIS("analysis", "character analysis"),
        SCENARIOS("scenarios", "scenario writing"),
        NARRATION("narration", "narration"),
        VIDEO("video", "clip generation");

        private final String column;
        private final String wording;

        Purpose(String column, String wording) {
            this.column = column;
            this.wording = wording;
        }

        public String column() {
            return column;
        }

        /** How a held-back job names what waits. */
        public String wording() {
            return wording;
        }
    }

    public static Spend analysis(UUID tenantId, String provider, String model, String ledgerKey) {
        return new Spend(Purpose.ANALYSIS, tenantId, null, null, provider, model, model, 1, ledgerKey);
    }

    public static Spend scenarios(UUID tenantId, UUID projectId, String provider, String model, String ledgerKey) {
        return new Spend(Purpose.SCENARIOS, tenantId, projectId, null, provider, model, model, 1, ledgerKey);
    }

    /** Priced per character of the spoken text; the voice is recorded, the limits are the provider's. */
    public static Spend narration(UUID tenantId, UUID projectId, String provider, String voice, int characters,
            String ledgerKey) {
        return new Spend(Purpose.NARRATION, tenantId, projectId, null, provider, voice, null, characters, ledgerKey);
    }

    /** Priced per second of video; the clip holds a generation slot named by its id until delivered. */
    public static Spend video(UUID tenantId, UUID projectId, UUID clipId, String provider, String model, int seconds,
            String ledgerKey) {
        return new Spend(Purpose.VIDEO, tenantId, projectId, clipId, provider, model, model, seconds, ledgerKey);
    }

    /** True for a generation, which holds a slot until delivered and settles then. */
    public boolean holdsSlot() {
        return clipId != null;
    }

    /** The generation slot's holder: the clip's id. */
    String slotHolder() {
        return String.valueOf(clipId);
    }
}
