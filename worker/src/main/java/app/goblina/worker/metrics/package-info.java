/**
 * What a worker tells Prometheus (GET /prometheus), in Prometheus's conventions: {@code goblina_…_total} counters,
 * {@code goblina_…_seconds} histograms, labels that name a stage, a provider, a model, an outcome or a reason and
 * never an id or a secret. The families are listed in README.md, "Metrics"; the dashboards and the autoscaler
 * read them by these names.
 */
package app.goblina.worker.metrics;
