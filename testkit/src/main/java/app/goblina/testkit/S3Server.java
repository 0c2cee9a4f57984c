package app.goblina.testkit;

import java.net.URI;

/**
 * How to reach the S3-compatible test server of {@link TestS3}: address it path-style ({@code endpoint/bucket/key})
 * and sign with AWS signature v4. {@link #toString()} leaves the secret key out.
 */
public record S3Server(URI endpoint, String region, String accessKey, String secretKey) {

    @Override
    public String toString() {
        return "S3Server[endpoint=" + endpoint + ", region=" + region + ", accessKey=" + accessKey + "]";
    }
}
