package app.goblina.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** The API answered with an error status; the message is built from its {@code application/problem+json} body. */
public final class ApiException extends IOException {

    private final int status;

    ApiException(String request, int status, String message) {
        super(request + " answered " + status + ": " + message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Reads a problem document ({@code title}, {@code detail}, {@code errors[field, reason]}); tolerates others. */
    static ApiException from(String request, int status, String body, ObjectMapper json) {
        String message;
        try {
            JsonNode problem = json.readTree(body);
            StringBuilder text = new StringBuilder(problem.path("title").asText(""));
            String detail = problem.path("detail").asText("");
            if (!detail.isEmpty()) {
                text.append(text.isEmpty() ? "" : ": ").append(detail);
            }
            for (JsonNode error : problem.path("errors")) {
                String line = error.path("field").asText("?") + ": " + error.path("reason").asText("");
                // A problem with one error often repeats it as its detail; saying it twice helps nobody.
                if (!detail.contains(line)) {
                    text.append("\n  ").append(line);
                }
            }
            message = text.isEmpty() ? (body.isBlank() ? "(no body)" : body.strip()) : text.toString();
        } catch (IOException e) {
            message = body.isBlank() ? "(no body)" : body.strip();
        }
        if ((status == 401 || status == 403) && request.contains(" /admin/")) {
            message += "\n  (Is the admin key right? ./goblina up keeps it in data/admin-api-key; set "
                    + "GOBLINA_ADMIN_API_KEY to override.)";
        } else if (status == 401 || status == 403) {
            message += "\n  (Is the API key right? ./goblina up prints the one it uses; set GOBLINA_API_KEY to "
                    + "override.)";
        }
        return new ApiException(request, status, message);
    }
}
