package app.goblina.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servers a fault test owns come back after a stop on the same port, PostgreSQL with its data. */
class OwnServersTest {

    @Test
    void postgresComesBackOnTheSamePortWithItsData(@TempDir Path dir) throws Exception {
        try (OwnPostgres postgres = OwnPostgres.startOnFreePort(dir.resolve("data"), dir.resolve("bin"), dir.resolve("pg.log"))) {
            postgres.createDatabase("kept");
            String url = postgres.jdbcUrl("kept");
            execute(url, "CREATE TABLE t (x int); INSERT INTO t VALUES (7)");
            int port = postgres.port();
            assertThat(postgres.pid()).isPresent();

            postgres.stop();
            assertThatThrownBy(() -> execute(url, "SELECT 1")).isInstanceOf(SQLException.class);

            postgres.start();
            assertThat(postgres.port()).isEqualTo(port);
            try (Connection connection = DriverManager.getConnection(url, OwnPostgres.USER, "");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT x FROM t")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
            }
        }
    }

    @Test
    void redisComesBackOnTheSamePort() throws Exception {
        try (OwnRedis redis = OwnRedis.startOnFreePort()) {
            assertThat(ping(redis.port())).isEqualTo("+PONG");
            redis.stop();
            assertThatThrownBy(() -> ping(redis.port())).isInstanceOf(IOException.class);
            redis.start();
            assertThat(ping(redis.port())).isEqualTo("+PONG");
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, OwnPostgres.USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String ping(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }
}
