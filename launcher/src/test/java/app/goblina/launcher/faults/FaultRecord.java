package app.goblina.launcher.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One fault of the run, as planned and as it went. Written by the fault thread, read after the run. */
final class FaultRecord {

    enum Kind {
        KILL_SUBMIT("kill mid-submit", "SubmitClip"),
        KILL_POLL("kill mid-poll", "PollClip"),
        KILL_ASSEMBLY("kill mid-assembly", "AssembleProject"),
        KILL_ANYTIME("kill at a random time", null),
        DB_OUTAGE("PostgreSQL outage", null),
        REDIS_OUTAGE("Redis outage", null);

        final String label;
        /** For kills at a moment: the job that must be PROCESSING on the worker that is killed. */
        final String job;

        Kind(String label, String job) {
            this.label = label;
            this.job = job;
        }

        boolean isKill() {
            return name().startsWith("KILL_");
        }

        String shortName() {
            return switch (this) {
                case KILL_SUBMIT -> "submit";
                case KILL_POLL -> "poll";
                case KILL_ASSEMBLY -> "assembly";
                case KILL_ANYTIME -> "anytime";
                case DB_OUTAGE -> "db";
                case REDIS_OUTAGE -> "redis";
            };
        }
    }

    final int number;
    final Kind kind;
    /** For outages: how long the server stays down. */
    final Duration plannedDown;

    /** The kill, or the server's stop. Null while the fault has not happened (missed or skipped). */
    Instant startedAt;
    /** The fault is over: the killed worker started again, the server accepts connections again. */
    Instant endedAt;
    /** For kills: when the restarted worker was ready. */
    Instant readyAt;
    String worker;
    UUID job;
    String jobType;
    UUID project;
    UUID clip;
    /** Whether the job the moment was chosen for was still PROCESSING on the killed worker after the kill. */
    boolean interrupted;
    /** What happened, in a phrase: what the kill interrupted, or why the fault did not happen. */
    String outcome = "not reached";
    /** From {@link #endedAt} to the next step forward of the interrupted work (or of anything, for outages). */
    Duration recovery;
    String recoveryNote;

    FaultRecord(int number, Kind kind, Duration plannedDown) {
        this.number = number;
        this.kind = kind;
        this.plannedDown = plannedDown;
    }

    boolean happened() {
        return startedAt != null;
    }
}
