package app.goblina.money;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The price table as a bean, parsed once from {@link PricingConfig}. */
@Factory
public class PricingFactory {

    @Singleton
    PriceTable priceTable(PricingConfig config) {
        return config.table();
    }
}
