package app.goblina.api.projects;

import app.goblina.api.projects.CreateProjectRequest.LlmChoice;
import app.goblina.api.projects.CreateProjectRequest.NarrationChoice;
import app.goblina.api.projects.CreateProjectRequest.VideoChoice;
import app.goblina.domain.FieldError;
import app.goblina.domain.ProjectRules;
import app.goblina.api.projects.OfferedProviders.Catalog;
import app.goblina.providers.ProviderDefaults;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The providers a project asked for, checked against what live workers offer ({@link OfferedProviders}) and
 * completed with the configured defaults. A provider named without a model gets the model its adapter is
 * configured with (a null model here). A provider or a model no live worker offers is refused by field name.
 * Narration {@code none} turns the default narration off for this project.
 */
public record ProviderChoices(String videoProvider, String videoModel, String videoSize, String llmProvider,
        String llmModel, String narrationProvider, String narrationVoice) {

    static final int MAX_NAME = 100;
    private static final Pattern SIZE = Pattern.compile("(\\d{3,4})x(\\d{3,4})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1," + MAX_NAME + "}");
    /** A voice may also hold {@code +}, which joins an espeak-ng voice to its variant ({@code en-us+f3}). */
    private static final Pattern VOICE = Pattern.compile("[A-Za-z0-9._:/+-]{1," + MAX_NAME + "}");

    /** Adds to {@code errors} what is wrong with the choices; returns them completed with defaults. */
    static ProviderChoices resolve(CreateProjectRequest request, ProviderDefaults defaults, Catalog offered,
            List<FieldError> errors) {
        VideoChoice video = request.video() == null ? new VideoChoice(null, null, null, null) : request.video();
        LlmChoice llm = request.llm() == null ? new LlmChoice(null, null) : request.llm();
        String videoProvider = known("video.provider", video.provider(), defaults.video(), offered, "video", errors);
        String videoModel = name("video.model", video.model(), videoProvider != null && videoProvider.equals(defaults.video()) ? defaults.videoModel() : null, errors);
        offeredModel("video", videoProvider, video.model(), offered, errors);
        if (video.seconds() != null && (video.seconds() < ProjectRules.MIN_CLIP_SECONDS || video.seconds() > ProjectRules.MAX_CLIP_SECONDS)) {
            errors.add(new FieldError("video.seconds", "must be between " + ProjectRules.MIN_CLIP_SECONDS + " and "
                    + ProjectRules.MAX_CLIP_SECONDS + ", was " + video.seconds()));
        }
        if (video.size() != null && !validSize(video.size())) {
            errors.add(new FieldError("video.size", "must be WIDTHxHEIGHT with even sides from 256 to 2048, e.g. 720x1280"));
        }
        String llmProvider = known("llm.provider", llm.provider(), defaults.writer(), offered, "llm", errors);
        String llmModel = name("llm.model", llm.model(), llmProvider != null && llmProvider.equals(defaults.writer()) ? defaults.writerModel() : null, errors);
        offeredModel("llm", llmProvider, llm.model(), offered, errors);
        String narrationProvider = null;
        String voice = null;
        NarrationChoice narration = request.narration();
        if (narration == null ? defaults.narrates() : !narration.none()) {
            String asked = narration == null ? null : narration.provider();
            narrationProvider = known("narration.provider", asked, defaults.narrates() ? defaults.narration() : null,
                    offered, "narration", errors);
            voice = voice(narration == null ? null : narration.voice(), defaults.voice(), errors);
        }
        return new ProviderChoices(videoProvider, videoModel, video.size(), llmProvider, llmModel, narrationProvider, voice);
    }

    private static String known(String field, String asked, String fallback, Catalog catalog, String kind,
            List<FieldError> errors) {
        Set<String> allowed = catalog.providers(kind);
        String value = asked == null ? fallback : asked;
        String offered = allowed.isEmpty() ? "none is offered by a running worker" : "one of " + String.join(", ", allowed);
        String why = catalog.advertised() ? "': no running worker offers it; " : "'; ";
        if (value == null) {
            errors.add(new FieldError(field, "is required; " + offered));
        } else if (!allowed.contains(value)) {
            errors.add(new FieldError(field, "unknown provider '" + abbreviate(value) + why + offered));
        }
        return value;
    }

    /** A model named by the project must be one a live worker offers for that provider. */
    private static void offeredModel(String kind, String provider, String model, Catalog offered, List<FieldError> errors) {
        if (model == null || provider == null || !offered.providers(kind).contains(provider) || !NAME.matcher(model).matches()
                || offered.offersModel(kind, provider, model)) {
            return;
        }
        errors.add(new FieldError(kind + ".model", "'" + abbreviate(model) + "' is not offered for " + provider
                + " by any running worker; one of " + String.join(", ", offered.models(kind, provider))));
    }

    private static String name(String field, String asked, String fallback, List<FieldError> errors) {
        if (asked == null) {
            return fallback;
        }
        if (!NAME.matcher(asked).matches()) {
            errors.add(new FieldError(field, "must be 1–" + MAX_NAME + " letters, digits or . _ : / -"));
        }
        return asked;
    }

    private static String voice(String asked, String fallback, List<FieldError> errors) {
        if (asked != null && !VOICE.matcher(asked).matches()) {
            errors.add(new FieldError("narration.voice", "must be 1–" + MAX_NAME + " letters, digits or . _ : / + -"));
        }
        return asked == null ? fallback : asked;
    }

    private static boolean validSize(String size) {
        var match = SIZE.matcher(size);
        if (!match.matches()) {
            return false;
        }
        int width = Integer.parseInt(match.group(1));
        int height = Integer.parseInt(match.group(2));
        return width % 2 == 0 && height % 2 == 0 && width >= 256 && height >= 256 && width <= 2048 && height <= 2048;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
