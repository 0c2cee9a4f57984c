package app.goblina.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class TestPostgresTest {

    @Test
    void newDatabaseGivesAnEmptyDatabaseEachTime() throws SQLException {
        TestDatabase first = TestPostgres.newDatabase();
        TestDatabase second = TestPostgres.newDatabase();

        try (Connection connection = connect(first); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE marker (id int PRIMARY KEY)");
            statement.execute("INSERT INTO marker VALUES (1)");
        }

        assertThat(second.jdbcUrl()).isNotEqualTo(first.jdbcUrl());
        assertThat(tableCount(first)).isEqualTo(1);
        assertThat(tableCount(second)).isZero();
    }

    @Test
    void describeNamesTheServer() {
        assertThat(TestPostgres.describe()).contains("PostgreSQL");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestPostgres.URL_VARIABLE, matches = ".*\\S.*")
    void theServerNamedInTheEnvironmentIsUsedWhenGiven() {
        assertThat(TestPostgres.describe()).contains(System.getenv(TestPostgres.URL_VARIABLE).strip());
        assertThat(TestPostgres.newDatabase().jdbcUrl()).contains("/goblina_t_");
    }

    @Test
    void theDatabaseNameReplacesTheOneInTheUrlAndKeepsItsParameters() {
        assertThat(PostgresServer.withDatabase("jdbc:postgresql://h:5432/postgres?sslmode=disable", "x"))
                .isEqualTo("jdbc:postgresql://h:5432/x?sslmode=disable");
        assertThat(PostgresServer.withDatabase("jdbc:postgresql://h", "x")).isEqualTo("jdbc:postgresql://h/x");
        assertThatThrownBy(() -> PostgresServer.withDatabase("jdbc:mysql://h/db", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRecordDoesNotPrintThePassword() {
        assertThat(new TestDatabase("jdbc:postgresql://h/x", "u", "s3cret").toString()).doesNotContain("s3cret");
    }

    private static Connection connect(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static int tableCount(TestDatabase database) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
