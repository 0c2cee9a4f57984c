package app.goblina.launcher.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PromQL the Grafana dashboards in {@code dashboards/} run, and the metric names it reads: every panel's
 * {@code targets[].expr} (rows' nested panels too) and every query variable's query.
 *
 * <p>A name is what is left of an expression once string literals, Grafana variables ({@code $instance},
 * {@code ${x}}, {@code $__rate_interval}), label matchers, range and subquery brackets, {@code by (...)} and the other
 * grouping clauses, {@code offset}s, numbers and durations are taken out, and functions and aggregations
 * (identifiers before a parenthesis) and PromQL's keywords are skipped. {@code label_values(selector, label)} reads
 * the selector's metric, {@code label_values(label)} none.
 */
public final class DashboardQueries {

    /** One query in a dashboard. @param where the panel's title, or the variable's name */
    public record Query(String dashboard, String where, String promql) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*\\}|\\$[A-Za-z_][A-Za-z0-9_]*|\\[\\[[^\\]]*\\]\\]");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*\\}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\]]*\\]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OFFSETS = Pattern.compile("\\boffset\\s+-?[0-9A-Za-z]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKENS = Pattern.compile(
            "(?<number>[0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?[A-Za-z]*)|(?<name>[A-Za-z_:][A-Za-z0-9_:]*)(?<call>\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "inf", "nan", "atan2");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern TRAILING_LABEL = Pattern.compile("^(.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*$", Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern NAME_ONLY = Pattern.compile("^\\s*[A-Za-z_][A-Za-z0-9_]*\\s*$");

    private DashboardQueries() {
    }

    /** {@code dashboards/*.json}, by name. */
    public static List<Path> dashboards(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every query of one dashboard: its panels' targets, then its query variables. */
    public static List<Query> queries(Path dashboard) {
        JsonNode root;
        try {
            root = JSON.readTree(dashboard.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + dashboard, e);
        }
        String name = dashboard.getFileName().toString();
        List<Query> queries = new ArrayList<>();
        panels(name, root.path("panels"), queries);
        for (JsonNode variable : root.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                continue;
            }
            JsonNode query = variable.path("query");
            String text = query.isTextual() ? query.asText() : query.path("query").asText("");
            if (!text.isBlank()) {
                queries.add(new Query(name, "variable " + variable.path("name").asText(), variableQuery(text)));
            }
        }
        return queries;
    }

    private static void panels(String dashboard, JsonNode panels, List<Query> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (!expr.isBlank()) {
                    into.add(new Query(dashboard, panel.path("title").asText(), expr));
                }
            }
            panels(dashboard, panel.path("panels"), into);
        }
    }

    /** The PromQL inside a variable's query: {@code label_values(selector, label)} and {@code query_result(...)}. */
    static String variableQuery(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (labelValues.matches()) {
            String arguments = labelValues.group(1);
            if (NAME_ONLY.matcher(arguments).matches()) {
                return "";
            }
            Matcher selector = TRAILING_LABEL.matcher(arguments);
            return selector.matches() ? selector.group(1) : arguments;
        }
        Matcher result = QUERY_RESULT.matcher(query);
        return result.matches() ? result.group(1) : query;
    }

    /** The metric names one PromQL expression reads, in order of appearance. */
    public static Set<String> metricNames(String promql) {
        String bare = STRINGS.matcher(promql).replaceAll(" ");
        bare = VARIABLES.matcher(bare).replaceAll(" ");
        bare = MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGES.matcher(bare).replaceAll(" ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        bare = OFFSETS.matcher(bare).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher token = TOKENS.matcher(bare);
        while (token.find()) {
            String name = token.group("name");
            if (name == null || token.group("call") != null || KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            names.add(name);
        }
        return names;
    }

    /** Each dashboard's file name with the metric names its queries read, both sorted. */
    public static TreeMap<String, TreeSet<String>> metricsByDashboard(Path dir) {
        TreeMap<String, TreeSet<String>> byDashboard = new TreeMap<>();
        for (Path dashboard : dashboards(dir)) {
            TreeSet<String> names = new TreeSet<>();
            for (Query query : queries(dashboard)) {
                names.addAll(metricNames(query.promql()));
            }
            byDashboard.put(dashboard.getFileName().toString(), names);
        }
        return byDashboard;
    }
}
