package app.goblina.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCommandTest {

    @Test
    void tenantsCreateTurnsItsOptionsIntoTheRestFieldNames() {
        AdminCommand command = AdminCommand.parse(List.of("tenants", "create", "Acme", "--daily-budget-cents", "2500",
                "--requests-per-minute=30", "--uploads-per-day", "5"));
        assertThat(command.verb()).isEqualTo("create");
        assertThat(command.body()).containsExactly(Map.entry("name", "Acme"), Map.entry("dailyBudgetCents", 2500L),
                Map.entry("requestsPerMinutePerKey", 30L), Map.entry("uploadsPerDayMax", 5L));
    }

    @Test
    void keysCreateCarriesTheTenantAndTheExpiry() {
        AdminCommand command = AdminCommand.parse(List.of("keys", "create", "Acme", "--name", "n8n", "--expires-in-days", "90"));
        assertThat(command.subject()).isEqualTo("Acme");
        assertThat(command.body()).containsEntry("name", "n8n").containsEntry("expiresInDays", 90L);
    }

    @Test
    void aWrongCommandLineIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> AdminCommand.parse(List.of("tenants", "create"))).hasMessageContaining("tenants create NAME");
        assertThatThrownBy(() -> AdminCommand.parse(List.of("tenants", "create", "Two", "Words")))
                .hasMessageContaining("quote a name with spaces");
        assertThatThrownBy(() -> AdminCommand.parse(List.of("tenants", "create", "A", "--budget", "3")))
                .hasMessageContaining("unknown option --budget");
        assertThatThrownBy(() -> AdminCommand.parse(List.of("tenants", "create", "A", "--daily-budget-cents", "ten")))
                .hasMessageContaining("must be a whole number");
        assertThatThrownBy(() -> AdminCommand.parse(List.of("tenants", "set", "A"))).hasMessageContaining("at least one");
        assertThatThrownBy(() -> AdminCommand.parse(List.of("keys", "rotate", "A"))).hasMessageContaining("unknown action");
        assertThatThrownBy(() -> AdminCommand.parse(List.of("keys", "create", "A", "--name"))).hasMessageContaining("needs a value");
    }

    @Test
    void withoutAnAdminKeyTheCommandSaysWhereOneComesFrom(@TempDir Path repo) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = Admin.run(List.of("tenants", "list"), Map.of("GOBLINA_DATA_DIR", repo.resolve("data").toString()), repo,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), errors);
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no admin key").contains("GOBLINA_ADMIN_API_KEY")
                .contains("admin-api-key");
    }

    @Test
    void aCommandLineMistakeExitsWithTwoAndTheUsage(@TempDir Path repo) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Admin.run(List.of("keys", "list"), Map.of(), repo,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("keys list TENANT").contains("Usage:");
    }
}
