package app.goblina.launcher.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code ./goblina tenants ...} or {@code ./goblina keys ...} command line, checked before anything is sent.
 *
 * @param noun       {@code tenants}, {@code keys} or {@code audit}
 * @param verb       what to do, e.g. {@code create}
 * @param subject    the tenant (id or name) or key (id or prefix) it acts on, or {@code null}
 * @param body       the JSON fields the options give, named as the admin REST API names them
 */
record AdminCommand(String noun, String verb, String subject, Map<String, Object> body) {

    static final String USAGE = """
            Usage:
              ./goblina tenants create NAME [--daily-budget-cents N] [--requests-per-minute N]
                                            [--projects-in-flight N] [--uploads-per-day N]
              ./goblina tenants list
              ./goblina tenants show TENANT
              ./goblina tenants set TENANT [--daily-budget-cents N] [--requests-per-minute N]
                                           [--projects-in-flight N] [--uploads-per-day N]
              ./goblina keys create TENANT [--name NAME] [--expires-in-days N | --expires-at 2027-01-31T00:00:00Z]
              ./goblina keys list TENANT
              ./goblina keys revoke KEY
              ./goblina audit [--tenant TENANT] [--size N]

            TENANT is a tenant's id or name; KEY is a key's id or the prefix keys list shows (gob_live_…).
            They talk to the running API (GOBLINA_API_URL, default http://localhost:8080) with the admin key
            (GOBLINA_ADMIN_API_KEY, else the one ./goblina up keeps in data/admin-api-key).""";

    private static final Map<String, String> LIMIT_OPTIONS = Map.of(
            "daily-budget-cents", "dailyBudgetCents",
            "requests-per-minute", "requestsPerMinutePerKey",
            "projects-in-flight", "projectsInFlightMax",
            "uploads-per-day", "uploadsPerDayMax");

    /** The command in {@code args} (noun first), or an {@link IllegalArgumentException} saying what is wrong. */
    static AdminCommand parse(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a command is needed");
        }
        String noun = args.get(0);
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value;
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                if (options.put(name, value) != null) {
                    throw new IllegalArgumentException("--" + name + " is given twice");
                }
            } else {
                positional.add(arg);
            }
        }
        return switch (noun) {
            case "tenants" -> tenants(positional, options);
            case "keys" -> keys(positional, options);
            case "audit" -> {
                expect(positional, 0, "audit");
                allow(options, Set.of("tenant", "size"));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("size", number("size", options.getOrDefault("size", "50")));
                yield new AdminCommand("audit", "list", options.get("tenant"), body);
            }
            default -> throw new IllegalArgumentException("unknown command '" + noun + "'");
        };
    }

    private static AdminCommand tenants(List<String> positional, Map<String, String> options) {
        String verb = verb(positional, "tenants");
        return switch (verb) {
            case "create" -> {
                expect(positional, 2, "tenants create NAME");
                allow(options, LIMIT_OPTIONS.keySet());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", positional.get(1));
                body.putAll(limits(options));
                yield new AdminCommand("tenants", verb, null, body);
            }
            case "set" -> {
                expect(positional, 2, "tenants set TENANT");
                allow(options, LIMIT_OPTIONS.keySet());
                if (options.isEmpty()) {
                    throw new IllegalArgumentException("tenants set: name at least one of --"
                            + String.join(", --", LIMIT_OPTIONS.keySet().stream().sorted().toList()));
                }
                yield new AdminCommand("tenants", verb, positional.get(1), limits(options));
            }
            case "show" -> {
                expect(positional, 2, "tenants show TENANT");
                allow(options, Set.of());
                yield new AdminCommand("tenants", verb, positional.get(1), Map.of());
            }
            case "list" -> {
                expect(positional, 1, "tenants list");
                allow(options, Set.of());
                yield new AdminCommand("tenants", verb, null, Map.of());
            }
            default -> throw new IllegalArgumentException("tenants: unknown action '" + verb + "' (create, list, show, set)");
        };
    }

    private static AdminCommand keys(List<String> positional, Map<String, String> options) {
        String verb = verb(positional, "keys");
        return switch (verb) {
            case "create" -> {
                expect(positional, 2, "keys create TENANT");
                allow(options, Set.of("name", "expires-in-days", "expires-at"));
                Map<String, Object> body = new LinkedHashMap<>();
                if (options.containsKey("name")) {
                    body.put("name", options.get("name"));
                }
                if (options.containsKey("expires-in-days")) {
                    body.put("expiresInDays", number("expires-in-days", options.get("expires-in-days")));
                }
                if (options.containsKey("expires-at")) {
                    body.put("expiresAt", options.get("expires-at"));
                }
                yield new AdminCommand("keys", verb, positional.get(1), body);
            }
            case "list" -> {
                expect(positional, 2, "keys list TENANT");
                allow(options, Set.of());
                yield new AdminCommand("keys", verb, positional.get(1), Map.of());
            }
            case "revoke" -> {
                expect(positional, 2, "keys revoke KEY");
                allow(options, Set.of());
                yield new AdminCommand("keys", verb, positional.get(1), Map.of());
            }
            default -> throw new IllegalArgumentException("keys: unknown action '" + verb + "' (create, list, revoke)");
        };
    }

    private static Map<String, Object> limits(Map<String, String> options) {
        Map<String, Object> body = new LinkedHashMap<>();
        options.forEach((name, value) -> body.put(LIMIT_OPTIONS.get(name), number(name, value)));
        return body;
    }

    private static String verb(List<String> positional, String noun) {
        if (positional.isEmpty()) {
            throw new IllegalArgumentException(noun + ": an action is needed");
        }
        return positional.get(0);
    }

    private static void expect(List<String> positional, int count, String form) {
        if (positional.size() != count) {
            throw new IllegalArgumentException("expected: " + form + (positional.size() > count
                    ? " (unexpected '" + positional.get(count) + "'; quote a name with spaces)" : ""));
        }
    }

    private static void allow(Map<String, String> options, Set<String> allowed) {
        for (String name : options.keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name
                        + (allowed.isEmpty() ? "" : " (known: --" + String.join(", --", allowed.stream().sorted().toList()) + ")"));
            }
        }
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be a whole number, was '" + value + "'");
        }
    }
}
