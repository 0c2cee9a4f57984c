package app.goblina.domain;

/** One reason a request was refused, naming the field it is about (a JSON property or a multipart part). */
public record FieldError(String field, String reason) {
}
