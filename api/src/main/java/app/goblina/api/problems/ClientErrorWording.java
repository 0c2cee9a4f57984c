package app.goblina.api.problems;

import app.goblina.domain.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The words a client error may carry. Framework messages often name a Java type ({@code [String name]}), a class,
 * a setting ({@code micronaut.server...}) or echo the value sent back; such a message is replaced by a plain reason
 * for its status. A message passes only if it is short plain prose.
 */
final class ClientErrorWording {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9 ,;:'’()–-]{1,160}");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\[\\]-]{0,60}");
    private static final List<String> TELLING = List.of("micronaut", "jackson", "java", "netty", "exception", "class",
            "bean", "argument", "sql", "jdbc", "postgres", "hikari", "io.", "org.", "com.");

    private ClientErrorWording() {
    }

    /** When a client error came with no field at all: what the status means, in the client's terms. */
    static List<FieldError> forStatus(HttpStatus status, String path) {
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE && "/v1/characters".equals(path)) {
            return List.of(new FieldError("image", "makes the request larger than the upload limit; it was refused "
                    + "before it was read"));
        }
        String reason = switch (status.getCode()) {
            case 400 -> "the request could not be read";
            case 401 -> "authentication is required";
            case 403 -> "this request is not allowed";
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed on this resource";
            case 406 -> "no acceptable representation; this API answers application/json";
            case 408 -> "the request took too long to arrive";
            case 411 -> "Content-Length is required";
            case 413 -> "the body is larger than this endpoint accepts";
            case 414 -> "the URL is too long";
            case 415 -> "this content type is not accepted here";
            case 431 -> "the request headers are too large";
            default -> status.getReason().toLowerCase(Locale.ROOT);
        };
        return List.of(new FieldError("request", reason));
    }

    /** A framework's reason, or a plain one in its place when it tells too much. */
    static String plainReason(String message) {
        if (message == null || !PLAIN.matcher(message).matches()) {
            return "is missing or not valid";
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return TELLING.stream().anyMatch(lower::contains) ? "is missing or not valid" : message;
    }

    static String plainField(String field) {
        return field != null && FIELD.matcher(field).matches() ? field : "request";
    }

    /** Why a body is not acceptable JSON, without Jackson's own words (which quote source and name types). */
    static String jsonReason(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException || message.contains("exceeds the maximum allowed")) {
            if (message.toLowerCase(Locale.ROOT).contains("depth")) {
                return "is nested too deeply";
            }
            return message.contains("Number") ? "holds a number with too many digits" : "holds a string that is too long";
        }
        if (message.startsWith("Duplicate field")) {
            return "has a duplicate key";
        }
        if (message.contains("Trailing token")) {
            return "has content after the JSON document";
        }
        return "is not valid JSON of the expected shape";
    }
}
