package app.goblina.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class TestRedisTest {

    @Test
    void redisAnswersPing() throws IOException {
        URI uri = TestRedis.uri();

        assertThat(uri.getScheme()).isEqualTo("redis");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));

            assertThat(in.readLine()).isEqualTo("+PONG");
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestRedis.URL_VARIABLE, matches = ".*\\S.*")
    void theServerNamedInTheEnvironmentIsUsedWhenGiven() {
        assertThat(TestRedis.uri()).isEqualTo(URI.create(System.getenv(TestRedis.URL_VARIABLE).strip()));
    }
}
