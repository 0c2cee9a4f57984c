package app.goblina.testkit;

/**
 * A fresh, empty PostgreSQL database made for one test by {@link TestPostgres#newDatabase()}: its JDBC URL and the
 * credentials to connect with. The user may create tables and anything else in it. {@link #toString()} leaves the
 * password out, so logging the record is safe.
 */
public record TestDatabase(String jdbcUrl, String username, String password) {

    @Override
    public String toString() {
        return "TestDatabase[jdbcUrl=" + jdbcUrl + ", username=" + username + "]";
    }
}
