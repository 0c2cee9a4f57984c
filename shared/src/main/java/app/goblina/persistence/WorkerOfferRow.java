package app.goblina.persistence;

import io.micronaut.core.annotation.Introspected;

/**
 * One adapter a live worker offers.
 *
 * @param kind     {@code video}, {@code llm} or {@code narration}
 * @param provider the adapter's name, as a project names it
 * @param models   the models it may be asked for, separated by {@code |}; {@code *} for any
 */
@Introspected
public record WorkerOfferRow(String kind, String provider, String models) {
}
