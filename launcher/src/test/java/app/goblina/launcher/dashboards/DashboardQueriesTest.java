package app.goblina.launcher.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How the metric names are read out of the dashboards' PromQL, and the dashboards' shape that lets Grafana's
 * provisioning load them as they are. Whether the names are ones the processes serve is
 * {@code PipelineEndToEndTest}'s part, against the running platform.
 */
class DashboardQueriesTest {

    private static final Path DASHBOARDS = Path.of("..").toAbsolutePath().normalize().resolve("dashboards");

    @Test
    void functionsMatchersGroupingDurationsAndNumbersAreNotMetricNames() {
        assertThat(DashboardQueries.metricNames("histogram_quantile(0.95, sum by (stage, le) "
                + "(rate(goblina_job_run_seconds_bucket{instance=~\"$instance\", stage!=\"x\"}[$__rate_interval])))"))
                .containsExactly("goblina_job_run_seconds_bucket");
        assertThat(DashboardQueries.metricNames("sum(rate(a_total[5m] offset 1h)) / on (tenant) group_left "
                + "max by (tenant) (b_cents) > bool 0 * 1e3"))
                .containsExactly("a_total", "b_cents");
        assertThat(DashboardQueries.metricNames("max_over_time(x_seconds[1h:5m]) and ignoring(le) y_total unless "
                + "count without (instance) (z{a=\"}\"})"))
                .containsExactly("x_seconds", "y_total", "z");
        assertThat(DashboardQueries.metricNames("label_replace(a_info, \"dst\", \"$1\", \"src\", \"(.*)\") "
                + "* ${factor} + $__range_s"))
                .containsExactly("a_info");
        assertThat(DashboardQueries.metricNames("sum (rate (p95_latency [${__rate_interval}]))"))
                .containsExactly("p95_latency");
    }

    @Test
    void aVariableReadsTheMetricOfItsSelectorAndNoneForALabelAlone() {
        assertThat(DashboardQueries.metricNames(DashboardQueries.variableQuery(
                "label_values(goblina_worker_job_threads{service=~\"$service\"}, instance)")))
                .containsExactly("goblina_worker_job_threads");
        assertThat(DashboardQueries.metricNames(DashboardQueries.variableQuery("label_values(instance)"))).isEmpty();
        assertThat(DashboardQueries.metricNames(DashboardQueries.variableQuery("query_result(topk(3, a_total))")))
                .containsExactly("a_total");
    }

    @Test
    void aHistogramsBucketsCountAndSumBelongToItsFamilyAndNothingElseIsServedByAccident() {
        Exposition exposed = Exposition.of("""
                # HELP goblina_job_run_seconds How long pipeline jobs ran
                # TYPE goblina_job_run_seconds histogram
                goblina_job_run_seconds_bucket{le="0.01",stage="clips"} 1
                goblina_job_run_seconds_count{stage="clips"} 1
                goblina_job_run_seconds_sum{stage="clips"} 0.004
                # TYPE goblina_jobs_started_total counter
                goblina_jobs_started_total{stage="clips"} 1.0
                # TYPE goblina_quick_seconds summary
                goblina_quick_seconds_count 2
                """);

        assertThat(exposed.family("goblina_job_run_seconds_bucket")).isEqualTo("goblina_job_run_seconds");
        assertThat(exposed.family("goblina_quick_seconds_sum")).isEqualTo("goblina_quick_seconds");
        assertThat(List.of("goblina_job_run_seconds_bucket", "goblina_job_run_seconds_sum", "goblina_jobs_started_total",
                "goblina_quick_seconds_count", "goblina_quick_seconds_sum")).allMatch(exposed::serves);
        assertThat(List.of("goblina_quick_seconds_bucket", "goblina_jobs_started", "goblina_job_run_seconds_max",
                "goblina_nobody_total")).noneMatch(exposed::serves);
    }

    @Test
    void everyDashboardReadsMetricsFromThePrometheusDatasourceByItsUid() throws Exception {
        List<Path> dashboards = DashboardQueries.dashboards(DASHBOARDS);
        assertThat(dashboards).extracting(p -> p.getFileName().toString())
                .contains("pipeline.json", "providers-and-money.json", "workers.json");
        Set<String> uids = new HashSet<>();
        for (Path dashboard : dashboards) {
            String text = Files.readString(dashboard);
            JsonNode root = new ObjectMapper().readTree(text);
            assertThat(uids.add(root.path("uid").asText())).as("%s has a uid of its own", dashboard).isTrue();
            assertThat(root.path("schemaVersion").asInt()).as("%s schemaVersion", dashboard).isGreaterThanOrEqualTo(36);
            assertThat(text).as("%s names its datasource by uid, no input to fill", dashboard)
                    .doesNotContain("${datasource}", "${DS_", "__inputs");
            // Grafana's own built-in annotation aside, every panel, target and variable names Prometheus
            assertThat(root.findValues("datasource")).as(dashboard.toString())
                    .filteredOn(ds -> !"grafana".equals(ds.path("type").asText())).isNotEmpty()
                    .allSatisfy(ds -> assertThat(ds.path("uid").asText()).isEqualTo("prometheus"));
            assertThat(DashboardQueries.queries(dashboard)).as("%s queries", dashboard).isNotEmpty();
            assertThat(DashboardQueries.metricsByDashboard(DASHBOARDS).get(dashboard.getFileName().toString()))
                    .as("%s metric names", dashboard).isNotEmpty();
        }
        assertThat(Files.readString(DASHBOARDS.resolve("provisioning/datasources/prometheus.yml")))
                .contains("uid: prometheus", "url: http://prometheus:9090");
        assertThat(Files.readString(DASHBOARDS.resolve("provisioning/dashboards/goblina.yml")))
                .contains("type: file", "path: /var/lib/grafana/dashboards");
    }
}
