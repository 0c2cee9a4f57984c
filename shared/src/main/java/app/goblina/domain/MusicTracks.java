package app.goblina.domain;

import java.util.List;

/**
 * The background tracks a project may ask for by name. They are made by the worker itself (no files to license
 * or download); {@code none} is the default.
 */
public final class MusicTracks {

    /** A slow, soft chord pad: sits under a voice without competing with it. */
    public static final String SOFT_PAD = "soft-pad";
    public static final List<String> NAMES = List.of("none", SOFT_PAD);

    private MusicTracks() {
    }
}
