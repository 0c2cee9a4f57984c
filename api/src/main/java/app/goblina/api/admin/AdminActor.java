package app.goblina.api.admin;

import io.micronaut.http.HttpRequest;

/** Who made an admin change, as the audit trail records it: the admin key, and the operator it named if any. */
public record AdminActor(String name) {

    static final String ATTRIBUTE = "goblina.adminActor";

    static AdminActor of(String operator) {
        return new AdminActor(operator.isEmpty() ? "admin-key" : "admin-key (operator " + operator + ")");
    }

    static AdminActor of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, AdminActor.class)
                .orElseThrow(() -> new IllegalStateException("No admin actor on an admin route"));
    }
}
