package app.goblina.worker.clips;

import app.goblina.money.CostLedger;
import app.goblina.persistence.ClipRow;
import app.goblina.worker.spending.Spend;

/** A clip's generation as the paid-call path sees it: its ledger line and the generation slot it holds. */
public final class ClipSpend {

    private ClipSpend() {
    }

    /** The spend of submitting the clip for this many seconds of video. */
    public static Spend of(ClipRow clip, int seconds) {
        return Spend.video(clip.tenantId(), clip.projectId(), clip.id(), clip.provider(), clip.model(), seconds,
                CostLedger.clipKey(clip.id()));
    }

    /** The clip's spend for settling, releasing or freeing what it already holds; the seconds are not read. */
    public static Spend held(ClipRow clip) {
        return of(clip, 0);
    }
}
