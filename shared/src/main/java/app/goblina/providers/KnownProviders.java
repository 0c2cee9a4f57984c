package app.goblina.providers;

import java.util.List;

/**
 * The adapter names a project may ask for. A worker without the key for one fails that project's stage with a
 * clear reason; listing them here lets the API refuse a typo at once.
 */
public final class KnownProviders {

    public static final List<String> VIDEO = List.of("local", "sora", "replicate", "veo", "fal");
    public static final List<String> LLM = List.of("local", "openai", "anthropic", "ollama");
    public static final List<String> NARRATION = List.of("local", "openai");

    private KnownProviders() {
    }
}
