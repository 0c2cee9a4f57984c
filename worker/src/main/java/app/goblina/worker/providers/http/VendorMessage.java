package app.goblina.worker.providers.http;

/**
 * Makes a provider's own error message fit to show a user: one line, at most 300 characters, and with the API key
 * blanked should the provider have echoed it (OpenAI's 401 quotes part of the key it refused).
 */
public final class VendorMessage {

    static final int MAX_LENGTH = 300;

    private VendorMessage() {
    }

    /** The cleaned message; empty when there was none. {@code secret} may be null. */
    public static String clean(String message, String secret) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String text = message.strip().replaceAll("\\s+", " ");
        if (secret != null && !secret.isBlank()) {
            text = text.replace(secret, "****");
        }
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }
}
