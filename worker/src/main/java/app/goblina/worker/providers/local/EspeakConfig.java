package app.goblina.worker.providers.local;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The offline narrator's program, bound from {@code goblina.espeak.*}. Environment: {@code GOBLINA_ESPEAK_PROGRAM},
 * {@code GOBLINA_ESPEAK_TIMEOUT}.
 *
 * @param program espeak-ng: a name looked up on {@code PATH}, or a path to the program
 * @param timeout bound on one line's synthesis; espeak-ng speaks a caption in milliseconds, so a run this long is
 *                stuck and is stopped
 */
@ConfigurationProperties("goblina.espeak")
public record EspeakConfig(
        @NotBlank @Bindable(defaultValue = "espeak-ng") String program,
        @NotNull @Bindable(defaultValue = "30s") Duration timeout) {

    public EspeakConfig {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("goblina.espeak.timeout must be more than 0, not " + timeout);
        }
    }
}
