package app.goblina.launcher.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The run's reading of the platform's database: our tables (projects, scenarios, clips, renders, cost_entries,
 * job_runs) and JobRunr's (jobrunr_jobs, jobrunr_backgroundjobservers). One connection, opened again after a
 * failure (the database may be stopped on purpose), so one instance per thread.
 */
final class RunDatabase implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A project as the workers left it. */
    record ProjectRow(UUID id, String topic, String status, String stage, String failureReason, int scenarioCount,
            Instant updatedAt) {

        boolean terminal() {
            return status.equals("DONE") || status.equals("FAILED") || status.equals("CANCELLED");
        }
    }

    record ClipRow(UUID id, UUID projectId, UUID scenarioId, String status, int polls, int progress,
            String providerJobId, String blobKey, String failureReason, boolean ambiguous, Instant updatedAt) {

        boolean terminal() {
            return status.equals("READY") || status.equals("FAILED") || status.equals("CANCELLED");
        }
    }

    record ScenarioRow(UUID id, UUID projectId, int index, String prompt, String narrationKey) {
    }

    record RenderRow(UUID id, UUID projectId, String status, String blobKey, String thumbnailKey) {
    }

    record CostRow(UUID id, UUID projectId, UUID clipId, String purpose, String state) {
    }

    record JobRunRow(UUID jobId, UUID projectId, String job, Instant finishedAt) {
    }

    /** A JobRunr background job server, as it registers itself. */
    record ServerRow(UUID id, String name, boolean running, Instant firstHeartbeat, Instant lastHeartbeat) {
    }

    /**
     * A JobRunr job, read from its JSON: what it is, for which project and clip, and in its current state where
     * it runs (PROCESSING) or why it failed (FAILED).
     *
     * @param type      the job's request class, e.g. SubmitClip
     * @param serverId  for PROCESSING, the server running it
     * @param failure     the exception type and message of its last failure in its history, or null
     * @param failures    how many times it failed in its history (retries included)
     * @param scheduledAt for SCHEDULED, when it is due
     */
    record JobRow(UUID id, String type, String name, String state, UUID projectId, UUID clipId, UUID serverId,
            String serverName, String failure, int failures, Instant scheduledAt, Instant updatedAt) {

        String describe(Instant origin) {
            String text = type + " " + id + " " + state + (serverName == null ? "" : " on " + serverName);
            if (scheduledAt != null) {
                text += " for +" + FaultRun.seconds(java.time.Duration.between(origin, scheduledAt));
            }
            if (state.equals("FAILED")) {
                return text + (failure == null ? "" : ": " + failure) + (failures > 1 ? " (failed " + failures + "x)" : "");
            }
            return text + (failures == 0 ? "" : " (failed " + failures + "x before, last: " + failure + ")");
        }
    }

    private final String url;
    private final String user;
    private Connection connection;

    RunDatabase(String url, String user) {
        this.url = url + (url.contains("?") ? "&" : "?") + "connectTimeout=2&socketTimeout=30&loginTimeout=3";
        this.user = user;
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url, user, "");
        }
        return connection;
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs a query; on failure the connection is dropped, so the next call opens a new one. */
    <T> List<T> query(String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            closeQuietly();
            throw e;
        }
    }

    List<ProjectRow> projects() throws SQLException {
        return query("SELECT id, topic, status, stage, failure_reason, scenario_count, updated_at FROM projects",
                rs -> new ProjectRow(uuid(rs, "id"), rs.getString("topic"), rs.getString("status"),
                        rs.getString("stage"), rs.getString("failure_reason"), rs.getInt("scenario_count"),
                        instant(rs, "updated_at")));
    }

    List<ClipRow> clips() throws SQLException {
        return query("SELECT id, project_id, scenario_id, status, polls, progress, provider_job_id, blob_key, "
                        + "failure_reason, ambiguous, updated_at FROM clips",
                rs -> new ClipRow(uuid(rs, "id"), uuid(rs, "project_id"), uuid(rs, "scenario_id"),
                        rs.getString("status"), rs.getInt("polls"), rs.getInt("progress"),
                        rs.getString("provider_job_id"), rs.getString("blob_key"), rs.getString("failure_reason"),
                        rs.getBoolean("ambiguous"), instant(rs, "updated_at")));
    }

    List<ScenarioRow> scenarios() throws SQLException {
        return query("SELECT id, project_id, idx, prompt, narration_key FROM scenarios",
                rs -> new ScenarioRow(uuid(rs, "id"), uuid(rs, "project_id"), rs.getInt("idx"), rs.getString("prompt"),
                        rs.getString("narration_key")));
    }

    List<RenderRow> renders() throws SQLException {
        return query("SELECT id, project_id, status, blob_key, thumbnail_key FROM renders",
                rs -> new RenderRow(uuid(rs, "id"), uuid(rs, "project_id"), rs.getString("status"),
                        rs.getString("blob_key"), rs.getString("thumbnail_key")));
    }

    List<CostRow> costs() throws SQLException {
        return query("SELECT id, project_id, clip_id, purpose, state FROM cost_entries",
                rs -> new CostRow(uuid(rs, "id"), uuid(rs, "project_id"), uuid(rs, "clip_id"), rs.getString("purpose"),
                        rs.getString("state")));
    }

    List<JobRunRow> finishedJobRunsSince(Instant since) throws SQLException {
        return query("SELECT job_id, project_id, job, finished_at FROM job_runs WHERE finished_at > ? ORDER BY finished_at",
                rs -> new JobRunRow(uuid(rs, "job_id"), uuid(rs, "project_id"), rs.getString("job"),
                        instant(rs, "finished_at")), Timestamp.from(since));
    }

    List<String> imageKeys() throws SQLException {
        return query("SELECT image_key FROM characters", rs -> rs.getString(1));
    }

    Optional<String> characterStatus(UUID id) throws SQLException {
        return query("SELECT status FROM characters WHERE id = ?", rs -> rs.getString(1), id).stream().findFirst();
    }

    List<ServerRow> servers() throws SQLException {
        return query("SELECT id, name, running, firstheartbeat, lastheartbeat FROM jobrunr_backgroundjobservers",
                rs -> new ServerRow(UUID.fromString(rs.getString("id")), rs.getString("name"), rs.getBoolean("running"),
                        instant(rs, "firstheartbeat"), instant(rs, "lastheartbeat")));
    }

    /** Jobs in {@code state}, or every job for null. The recurring sweep's template is not a job and not read. */
    List<JobRow> jobs(String state) throws SQLException {
        String sql = "SELECT id, state, jobasjson, updatedat FROM jobrunr_jobs" + (state == null ? "" : " WHERE state = ?");
        Object[] params = state == null ? new Object[0] : new Object[] {state};
        return query(sql, rs -> job(rs.getString("id"), rs.getString("state"), rs.getString("jobasjson"),
                instant(rs, "updatedat")), params);
    }

    Optional<JobRow> job(UUID id) throws SQLException {
        return query("SELECT id, state, jobasjson, updatedat FROM jobrunr_jobs WHERE id = ?",
                rs -> job(rs.getString("id"), rs.getString("state"), rs.getString("jobasjson"), instant(rs, "updatedat")),
                id.toString()).stream().findFirst();
    }

    static JobRow job(String id, String state, String json, Instant updatedAt) {
        JsonNode job;
        try {
            job = JSON.readTree(json);
        } catch (IOException e) {
            return new JobRow(UUID.fromString(id), "?", "?", state, null, null, null, null, "unreadable job JSON", 0,
                    null, updatedAt);
        }
        String type = simpleName(job.path("jobDetails").path("className").asText("?"));
        JsonNode arguments = null;
        for (JsonNode parameter : job.path("jobDetails").path("jobParameters")) {
            String className = parameter.path("className").asText("");
            if (className.startsWith("app.goblina.")) {
                type = simpleName(className);
                arguments = parameter.path("object");
                break;
            }
        }
        JsonNode history = job.path("jobHistory");
        JsonNode last = history.isArray() && !history.isEmpty() ? history.get(history.size() - 1) : null;
        UUID serverId = null;
        String serverName = null;
        String failure = null;
        int failures = 0;
        for (JsonNode entry : history) {
            if (entry.path("@class").asText("").endsWith("FailedState")) {
                failures++;
                failure = entry.path("exceptionType").asText("?") + ": " + entry.path("exceptionMessage").asText(
                        entry.path("message").asText(""));
            }
        }
        Instant scheduledAt = null;
        if (last != null && last.path("@class").asText("").endsWith("ProcessingState")) {
            serverId = uuidOrNull(last.path("serverId").asText(null));
            serverName = last.path("serverName").asText(null);
        }
        if (last != null && last.path("@class").asText("").endsWith("ScheduledState")) {
            scheduledAt = parseInstant(last.path("scheduledAt").asText(null));
        }
        return new JobRow(UUID.fromString(id), type, job.path("jobName").asText(""), state,
                arguments == null ? null : uuidOrNull(arguments.path("projectId").asText(null)),
                arguments == null ? null : uuidOrNull(arguments.path("clipId").asText(null)),
                serverId, serverName, failure, failures, scheduledAt, updatedAt);
    }

    /** How many rows each of our tables holds, for the report. */
    Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        for (String table : List.of("projects", "scenarios", "clips", "renders", "cost_entries", "job_runs",
                "jobrunr_jobs")) {
            counts.put(table, query("SELECT count(*) FROM " + table, rs -> rs.getLong(1)).getFirst());
        }
        return counts;
    }

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        String simple = dot < 0 ? className : className.substring(dot + 1);
        int dollar = simple.lastIndexOf('$');
        return dollar < 0 ? simple : simple.substring(dollar + 1);
    }

    private static Instant parseInstant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static UUID uuidOrNull(String text) {
        try {
            return text == null || text.isBlank() ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the server is gone: nothing to close
        } finally {
            connection = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
