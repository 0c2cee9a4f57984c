package app.goblina.testkit;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * s3proxy serving the S3 API in this JVM from memory, checking AWS v2 and v4 signatures against a fixed test
 * identity. It binds loopback port 0 itself, so the kernel's pick cannot be taken by another process before it
 * listens. A JVM shutdown hook stops it.
 */
final class EmbeddedS3Server {

    static final String ACCESS_KEY = "goblina-test";
    static final String SECRET_KEY = "goblina-test-secret";
    static final String REGION = "us-east-1";

    private EmbeddedS3Server() {
    }

    /** Blocks until the server is up; throws {@link IllegalStateException} if it does not start. */
    static S3Server start() {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded S3 server (s3proxy)", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(proxy), "goblina-test-s3-stop"));
        return new S3Server(URI.create("http://127.0.0.1:" + proxy.getPort()), REGION, ACCESS_KEY, SECRET_KEY);
    }

    private static void stop(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // The JVM is exiting; an unclean stop loses nothing, the blobs lived in memory.
        }
    }
}
