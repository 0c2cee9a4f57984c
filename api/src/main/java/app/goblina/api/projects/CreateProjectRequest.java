package app.goblina.api.projects;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * Body of {@code POST /v1/projects}. Everything is optional at the binding level so that each missing or wrong
 * field is reported by name, together, rather than one JSON error at a time. Unknown fields are refused.
 *
 * @param characterId   a READY or ANALYZING character of the caller's
 * @param topic         what the short is about, 1–500 characters
 * @param preset        sassy, wholesome, chaotic or deadpan
 * @param scenarioCount how many scenes, 1–8 (default 3)
 * @param clipSeconds   length of each scene in seconds, 2–12 (default 4)
 * @param format        output frame size, e.g. {@code 1080x1920} (default)
 * @param captions      burn each scenario's caption into its clip (default true)
 * @param wordHighlight highlight each caption word as the narration speaks it (default false)
 * @param music         a background track under the short, ducked under narration: {@code soft-pad} or
 *                      {@code none} (default: {@code GOBLINA_PROVIDERS_MUSIC}, none unless configured)
 * @param normalizeLoudness bring the short's sound to -14 LUFS with peaks at most -1 dBTP (default true); false
 *                      keeps the clips' own levels, and lets clips already in the short's format be joined
 *                      without re-encoding when nothing else changes them
 * @param fit           crop (default) or letterbox clips of another shape
 * @param transition    crossfade (default) or cut between scenes
 * @param video         which video provider and model, clip seconds and provider frame size (defaults from config)
 * @param llm           which provider and model write the scenarios
 * @param narration     narrate each scenario's caption with this provider and voice (default:
 *                      {@code GOBLINA_PROVIDERS_NARRATION}, none unless configured); {@code "none"} (or a provider
 *                      of {@code none}) for no narration whatever the default
 * @param callbackUrl   an https URL told, signed, when the project ends (DONE, FAILED or CANCELLED); at most 2048
 *                      characters, no user name or password, a public address (see {@code CallbackUrlPolicy})
 */
@Introspected
public record CreateProjectRequest(
        @Nullable String characterId,
        @Nullable String topic,
        @Nullable String preset,
        @Nullable Integer scenarioCount,
        @Nullable Integer clipSeconds,
        @Nullable String format,
        @Nullable Boolean captions,
        @Nullable Boolean wordHighlight,
        @Nullable String music,
        @Nullable Boolean normalizeLoudness,
        @Nullable String fit,
        @Nullable String transition,
        @Nullable VideoChoice video,
        @Nullable LlmChoice llm,
        @Nullable NarrationChoice narration,
        @Nullable String callbackUrl) {

    /** {@code video} of the request. */
    @Introspected
    public record VideoChoice(@Nullable String provider, @Nullable String model, @Nullable Integer seconds,
            @Nullable String size) {
    }

    /** {@code llm} of the request. */
    @Introspected
    public record LlmChoice(@Nullable String provider, @Nullable String model) {
    }

    /**
     * {@code narration} of the request: an object, or the string {@code "none"}. Bound by Jackson's own record
     * support rather than a bean introspection, which does not combine the string form with the object form.
     */
    public record NarrationChoice(@Nullable String provider, @Nullable String voice) {

        /** The provider name that asks for no narration. */
        static final String NONE = "none";

        /** {@code "narration": "none"}, the same as {@code {"provider": "none"}}; any other string is a provider. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static NarrationChoice of(String provider) {
            return new NarrationChoice(provider, null);
        }

        /** Whether the project asked for no narration. */
        boolean none() {
            return NONE.equals(provider);
        }
    }
}
