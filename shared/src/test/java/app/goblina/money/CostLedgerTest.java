package app.goblina.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.persistence.TenantRepository;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The ledger on a real PostgreSQL: budgets hold under concurrency, and every operation is idempotent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostLedgerTest {

    private ApplicationContext context;
    private CostLedger ledger;
    private TenantRepository tenants;

    @BeforeAll
    void start() {
        TestDatabase database = TestPostgres.newDatabase();
        context = ApplicationContext.run(Map.of(
                "datasources.default.url", database.jdbcUrl(),
                "datasources.default.username", database.username(),
                "datasources.default.password", database.password(),
                "datasources.default.dialect", "POSTGRES",
                "flyway.datasources.default.enabled", true,
                "goblina.storage.local-root", System.getProperty("java.io.tmpdir") + "/goblina-ledger-test"));
        ledger = context.getBean(CostLedger.class);
        tenants = context.getBean(TenantRepository.class);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void aReservationWithinTheBudgetCountsAsSpentUntilReleased() {
        UUID tenant = tenantWithBudget(100);

        ledger.reserve(charge(tenant, 60, "clip:a"));
        assertThat(ledger.spentToday(tenant)).isEqualTo(60);

        ledger.release("clip:a");
        assertThat(ledger.spentToday(tenant)).isZero();
    }

    @Test
    void aReservationPastTheBudgetIsRefusedAndRecordsNothing() {
        UUID tenant = tenantWithBudget(100);
        ledger.reserve(charge(tenant, 80, "clip:b1"));

        assertThatThrownBy(() -> ledger.reserve(charge(tenant, 30, "clip:b2")))
                .isInstanceOf(BudgetExceeded.class)
                .hasMessageContaining("$1.00");
        assertThat(ledger.spentToday(tenant)).isEqualTo(80);
    }

    @Test
    void reservingTheSameCallTwiceKeepsOneLine() {
        UUID tenant = tenantWithBudget(100);

        ledger.reserve(charge(tenant, 70, "clip:c"));
        ledger.reserve(charge(tenant, 70, "clip:c"));

        assertThat(ledger.spentToday(tenant)).isEqualTo(70);
    }

    @Test
    void settlingKeepsTheAmountSpentAndReleaseNoLongerApplies() {
        UUID tenant = tenantWithBudget(100);
        ledger.reserve(charge(tenant, 40, "clip:d"));

        ledger.settleAsReserved("clip:d");
        ledger.release("clip:d");

        assertThat(ledger.spentToday(tenant)).isEqualTo(40);
    }

    @Test
    void concurrentReservationsNeverOverspend() throws Exception {
        UUID tenant = tenantWithBudget(100);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String key = "clip:e" + i;
            attempts.add(() -> {
                try {
                    ledger.reserve(charge(tenant, 30, key));
                    return true;
                } catch (BudgetExceeded refused) {
                    return false;
                }
            });
        }
        long granted = 0;
        for (Future<Boolean> result : pool.invokeAll(attempts)) {
            granted += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(granted).isEqualTo(3);
        assertThat(ledger.spentToday(tenant)).isEqualTo(90);
    }

    private UUID tenantWithBudget(long cents) {
        UUID id = UUID.randomUUID();
        tenants.insertIfAbsent(id, "ledger test " + id, cents);
        return id;
    }

    private static CostLedger.Charge charge(UUID tenant, long cents, String key) {
        return new CostLedger.Charge(tenant, null, null, "sora", "sora-2", "video", BigDecimal.valueOf(4), cents, key);
    }
}
