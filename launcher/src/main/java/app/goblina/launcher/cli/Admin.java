package app.goblina.launcher.cli;

import app.goblina.launcher.Display;
import app.goblina.launcher.client.AdminClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./goblina tenants ...}, {@code ./goblina keys ...} and {@code ./goblina audit}: the admin surface of the
 * running API from the command line. See {@link AdminCommand#USAGE}.
 */
public final class Admin {

    private Admin() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        System.exit(run(Arrays.asList(args), env, Path.of("").toAbsolutePath(), System.out, System.err));
    }

    /** Runs one command; answers the exit status (0 done, 1 refused or unreachable, 2 a wrong command line). */
    public static int run(java.util.List<String> args, Map<String, String> env, Path currentDir, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h") || args.get(args.size() - 1).equals("help")) {
            out.println(AdminCommand.USAGE);
            return 0;
        }
        AdminCommand command;
        try {
            command = AdminCommand.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("goblina: " + e.getMessage());
            err.println();
            err.println(AdminCommand.USAGE);
            return 2;
        }
        try {
            LauncherSettings settings = LauncherSettings.fromEnvironment(env, currentDir);
            Optional<String> adminKey = AdminApiKey.SECRET.existing(env, settings.dataDir());
            if (adminKey.isEmpty()) {
                err.println("goblina: no admin key: set " + AdminApiKey.ENV + ", or start Goblina once with ./goblina up, "
                        + "which keeps one in " + Display.path(settings.dataDir().resolve(AdminApiKey.SECRET.fileName())));
                return 1;
            }
            String url = env.getOrDefault("GOBLINA_API_URL", "").strip();
            URI base = url.isEmpty() ? settings.apiUrl() : URI.create(url);
            AdminClient client = new AdminClient(base, adminKey.get(), System.getProperty("user.name", ""));
            execute(command, client, out);
            return 0;
        } catch (IOException e) {
            err.println("goblina: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void execute(AdminCommand command, AdminClient client, PrintStream out)
            throws IOException, InterruptedException {
        switch (command.noun() + " " + command.verb()) {
            case "tenants create" -> {
                JsonNode tenant = client.createTenant(command.body());
                out.println("Tenant created.");
                printTenant(tenant, out);
                out.println();
                out.println("Next: ./goblina keys create " + quoted(tenant.get("name").asText()));
            }
            case "tenants set" -> {
                out.println("Tenant changed.");
                printTenant(client.changeTenant(command.subject(), command.body()), out);
            }
            case "tenants show" -> printTenant(client.tenant(command.subject()), out);
            case "tenants list" -> {
                out.printf("%-36s  %-24s  %10s  %7s  %9s  %11s%n", "ID", "NAME", "BUDGET/DAY", "REQ/MIN", "IN FLIGHT", "UPLOADS/DAY");
                for (JsonNode tenant : client.tenants()) {
                    out.printf("%-36s  %-24s  %10s  %7d  %9d  %11d%n", tenant.get("id").asText(), tenant.get("name").asText(),
                            dollars(tenant.get("dailyBudgetCents").asLong()), tenant.get("requestsPerMinutePerKey").asInt(),
                            tenant.get("projectsInFlightMax").asInt(), tenant.get("uploadsPerDayMax").asInt());
                }
            }
            case "keys create" -> {
                JsonNode issued = client.issueKey(command.subject(), command.body());
                JsonNode key = issued.get("apiKey");
                out.println("API key created for tenant " + key.get("tenantId").asText() + ". It is shown this once; keep it now:");
                out.println();
                out.println("  " + issued.get("key").asText());
                out.println();
                out.println("  name " + key.get("name").asText() + ", prefix " + key.get("prefix").asText()
                        + (key.get("expiresAt").isNull() ? ", no expiry" : ", expires " + key.get("expiresAt").asText()));
                out.println();
                out.println("Use it: curl -H 'Authorization: Bearer " + issued.get("key").asText() + "' " + "<api>/v1/projects");
            }
            case "keys list" -> {
                out.printf("%-36s  %-15s  %-16s  %-7s  %-20s  %-20s  %s%n", "ID", "PREFIX", "NAME", "STATE", "CREATED", "LAST USED", "EXPIRES");
                for (JsonNode key : client.keys(command.subject())) {
                    out.printf("%-36s  %-15s  %-16s  %-7s  %-20s  %-20s  %s%n", key.get("id").asText(), key.get("prefix").asText(),
                            key.get("name").asText(), key.get("state").asText(), instant(key.get("createdAt")),
                            instant(key.get("lastUsedAt")), instant(key.get("expiresAt")));
                }
            }
            case "keys revoke" -> {
                JsonNode key = client.revokeKey(command.subject());
                out.println("Key " + key.get("prefix").asText() + " (" + key.get("name").asText() + ") is revoked: "
                        + "every API replica refuses it from now on.");
            }
            case "audit list" -> {
                for (JsonNode event : client.audit(command.subject(), ((Number) command.body().get("size")).intValue())) {
                    out.println(instant(event.get("at")) + "  " + event.get("actor").asText() + "  " + event.get("action").asText()
                            + "  " + event.get("subject").asText() + "  " + event.get("detail"));
                }
            }
            default -> throw new IllegalStateException("AdminCommand.parse made an unknown command: " + command);
        }
    }

    private static void printTenant(JsonNode tenant, PrintStream out) {
        out.println("  id                  " + tenant.get("id").asText());
        out.println("  name                " + tenant.get("name").asText());
        out.println("  daily budget        " + dollars(tenant.get("dailyBudgetCents").asLong()));
        out.println("  requests/min/key    " + tenant.get("requestsPerMinutePerKey").asInt());
        out.println("  projects in flight  " + tenant.get("projectsInFlightMax").asInt());
        out.println("  uploads/day         " + tenant.get("uploadsPerDayMax").asInt());
    }

    private static String dollars(long cents) {
        return String.format(java.util.Locale.ROOT, "$%d.%02d", cents / 100, cents % 100);
    }

    private static String instant(JsonNode value) {
        return value == null || value.isNull() ? "-" : value.asText().replaceFirst("\\.\\d+Z$", "Z");
    }

    private static String quoted(String name) {
        return name.matches("[A-Za-z0-9._@-]+") ? name : "'" + name.replace("'", "'\\''") + "'";
    }
}
