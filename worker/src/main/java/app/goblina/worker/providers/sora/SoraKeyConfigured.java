package app.goblina.worker.providers.sora;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;

/**
 * The Sora adapter exists when a key for it is configured: {@code goblina.sora.api-key}, or else OpenAI's own
 * {@code goblina.openai.api-key} (the key OpenAI's service took). A key of whitespace, as an empty environment
 * variable leaves, counts as unset. A condition rather than {@code @Requires(property)} because of the fallback,
 * which Micronaut's placeholders cannot nest.
 */
public final class SoraKeyConfigured implements Condition {

    @Override
    @SuppressWarnings("rawtypes") // Micronaut's Condition declares matches(ConditionContext) with the raw type
    public boolean matches(ConditionContext context) {
        if (!(context.getBeanContext() instanceof PropertyResolver properties)) {
            return false;
        }
        boolean configured = isSet(properties, SoraConfig.API_KEY) || isSet(properties, SoraConfig.FALLBACK_KEY);
        if (!configured) {
            context.fail("neither " + SoraConfig.API_KEY + " nor " + SoraConfig.FALLBACK_KEY + " is set");
        }
        return configured;
    }

    private static boolean isSet(PropertyResolver properties, String name) {
        return properties.getProperty(name, String.class).map(value -> !value.isBlank()).orElse(false);
    }
}
