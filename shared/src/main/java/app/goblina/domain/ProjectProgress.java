package app.goblina.domain;

/**
 * Percent complete of a project, from its status and how many clips are ready. The weights follow where the
 * time goes: generating clips dominates, assembly is the next largest.
 */
public final class ProjectProgress {

    private ProjectProgress() {
    }

    public static int of(ProjectStatus status, int clipsReady, int clipsTotal) {
        return switch (status) {
            case QUEUED -> 0;
            case WRITING -> 5;
            case GENERATING -> 10 + (clipsTotal == 0 ? 0 : 70 * clipsReady / clipsTotal);
            case ASSEMBLING -> 85;
            case DONE -> 100;
            case FAILED, CANCELLED -> 0;
        };
    }
}
