package app.goblina.worker.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.domain.CallbackState;
import app.goblina.domain.CharacterStatus;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import app.goblina.jobs.CompletionCallbacks;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.NotifyCallback;
import app.goblina.jobs.PipelineOrder;
import app.goblina.persistence.CallbackAttemptRepository;
import app.goblina.persistence.CallbackAttemptRow;
import app.goblina.persistence.ProjectCallbackRepository;
import app.goblina.persistence.ProjectCallbackRow;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.testkit.CallbackReceiver;
import app.goblina.testkit.CallbackReceiver.Received;
import app.goblina.testkit.FreePort;
import app.goblina.webhooks.CallbackSecrets;
import app.goblina.worker.pipeline.ProjectFailures;
import app.goblina.worker.pipeline.ProjectRows;
import app.goblina.worker.pipeline.WorkerTestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.ScheduledState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Completion callbacks as JobRunr's own background job server delivers them, on a real PostgreSQL, to real HTTP
 * receivers on loopback (development mode lets plain http reach loopback): nothing calls the callback stage by
 * hand. Projects end the way the stages end them (the assembly, {@link ProjectFailures}, a cancel's
 * {@link CompletionCallbacks} call), or as a crash leaves them, for the sweeper. The receivers check the signature
 * with the tenant's secret, by their own code. Waits are a second, so four attempts take seconds, not hours.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompletionCallbacksThroughTheJobServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkerTestContext worker;
    private UUID characterId;

    @BeforeAll
    void start() throws Exception {
        worker = new WorkerTestContext(Map.of(
                "goblina.worker.run-server", true,
                "goblina.worker.threads", 4,
                "goblina.worker.sweep-after", "3s",
                "goblina.callbacks.allow-http-loopback", true,
                "goblina.callbacks.retry-waits", "1s,1s,1s",
                "goblina.callbacks.connect-timeout", "1s",
                "goblina.callbacks.timeout", "3s"));
        characterId = worker.readyCharacter();
    }

    @AfterAll
    void stop() {
        worker.close();
    }

    @Test
    void aShortThatIsMadeIsToldToItsCallbackOnceSignedWithTheTenantsSecret() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            // given a project whose scenarios are being written, with a callback
            ProjectRow project = project(ProjectStatus.WRITING, receiver.url("/n8n/webhook/goblina?flow=7").toString());

            // when the job server makes the short with the local providers
            PipelineOrder.forProject(project, CharacterStatus.READY, List.of(), List.of())
                    .forEach(worker.bean(JobQueue.class)::enqueue);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                    .until(() -> !receiver.received().isEmpty());

            // then the receiver got one signed POST saying it is done, with the paths to fetch the video
            assertThat(status(project)).isEqualTo(ProjectStatus.DONE);
            Received delivery = receiver.received().getFirst();
            assertThat(delivery.method()).isEqualTo("POST");
            assertThat(delivery.path()).isEqualTo("/n8n/webhook/goblina?flow=7");
            assertThat(delivery.contentType()).isEqualTo("application/json");
            assertThat(delivery.signedWith(secret())).as("signed with the tenant's secret").isTrue();
            assertThat(delivery.signedWith("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]))).isFalse();
            assertThat(delivery.webhookId()).matches("msg_[0-9a-f]{32}");
            assertThat(Long.parseLong(delivery.timestamp())).isBetween(Instant.now().minusSeconds(60).getEpochSecond(),
                    Instant.now().getEpochSecond());
            JsonNode body = JSON.readTree(delivery.body());
            assertThat(body.get("type").asText()).isEqualTo("project.done");
            Instant.parse(body.get("timestamp").asText());
            assertThat(body.get("data").get("projectId").asText()).isEqualTo(project.id().toString());
            assertThat(body.get("data").get("status").asText()).isEqualTo("DONE");
            assertThat(body.get("data").get("videoUrl").asText()).isEqualTo("/v1/projects/" + project.id() + "/video");
            assertThat(body.get("data").get("thumbnailUrl").asText()).isEqualTo("/v1/projects/" + project.id() + "/thumbnail");

            // and it is on record as delivered at the first attempt, by one job
            await().atMost(Duration.ofSeconds(10)).until(() -> callback(project).state() == CallbackState.DELIVERED);
            assertThat(callback(project).deliveredAt()).isNotNull();
            assertThat(attempts(project)).singleElement().satisfies(attempt -> {
                assertThat(attempt.number()).isEqualTo(1);
                assertThat(attempt.httpStatus()).isEqualTo(200);
                assertThat(attempt.error()).isNull();
                assertThat(attempt.nextAttemptAt()).isNull();
            });
            assertThat(worker.jobsWithId(new NotifyCallback(worker.tenantId, project.id()).jobId())).isEqualTo(1);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void aReceiverThatAnswers503TwiceGetsTheEventOnceAcceptedWithOneWebhookIdAndEveryAttemptOnRecord() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            // given a receiver that is overloaded for its next two requests
            receiver.answer(503, 503);
            ProjectRow project = project(ProjectStatus.GENERATING, receiver.url("/hooks/failed").toString());

            // when the project fails, as a stage fails it
            worker.bean(ProjectFailures.class).fail(worker.tenantId, project.id(), Stage.CLIPS,
                    "scene 1: the video provider refused the prompt");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> receiver.accepted().size() == 1);

            // then the third attempt was accepted; all three carried the same id and body, each correctly signed
            List<Received> received = receiver.received();
            assertThat(received).extracting(Received::answered).containsExactly(503, 503, 200);
            assertThat(received).extracting(Received::webhookId).containsOnly(received.getFirst().webhookId());
            assertThat(received).extracting(Received::body).containsOnly(received.getFirst().body());
            String secret = secret();
            assertThat(received).allSatisfy(r -> assertThat(r.signedWith(secret)).as(r.timestamp()).isTrue());
            assertThat(Duration.between(received.get(0).at(), received.get(2).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            JsonNode body = JSON.readTree(received.getFirst().body());
            assertThat(body.get("type").asText()).isEqualTo("project.failed");
            assertThat(body.get("data").get("error").get("stage").asText()).isEqualTo("clips");
            assertThat(body.get("data").get("error").get("reason").asText()).isEqualTo("scene 1: the video provider refused the prompt");

            // and every attempt is on record, the failed ones with when the next was due
            await().atMost(Duration.ofSeconds(10)).until(() -> callback(project).state() == CallbackState.DELIVERED);
            List<CallbackAttemptRow> attempts = attempts(project);
            assertThat(attempts).extracting(CallbackAttemptRow::number).containsExactly(1, 2, 3);
            assertThat(attempts).extracting(CallbackAttemptRow::httpStatus).containsExactly(503, 503, 200);
            assertThat(attempts).extracting(CallbackAttemptRow::error).containsExactly("HTTP 503", "HTTP 503", null);
            for (int i = 0; i < 2; i++) {
                CallbackAttemptRow failed = attempts.get(i);
                assertThat(failed.nextAttemptAt()).isBetween(failed.at().plusSeconds(1), failed.at().plusSeconds(3));
                assertThat(attempts.get(i + 1).at()).isAfterOrEqualTo(failed.nextAttemptAt().minusMillis(50));
            }
            assertThat(attempts.get(2).nextAttemptAt()).isNull();
            assertThat(callback(project).nextAttemptAt()).isNull();

            // and the retries were JobRunr's: one job, two failures, two retries on the callback schedule
            Job job = job(project);
            assertThat(job.getState()).isEqualTo(StateName.SUCCEEDED);
            assertThat(job.getJobStates().stream().filter(FailedState.class::isInstance)).hasSize(2);
            assertThat(job.getJobStates().stream().filter(ScheduledState.class::isInstance).map(ScheduledState.class::cast))
                    .hasSize(2).allSatisfy(retry -> assertThat(retry.getReason()).startsWith("Callback retry"));
            assertThat(job.getJobStates().stream().filter(FailedState.class::isInstance).map(FailedState.class::cast))
                    .allSatisfy(failure -> assertThat(failure.getExceptionMessage())
                            .startsWith("callback attempt").contains("HTTP 503").doesNotContain("127.0.0.1"));
        }
    }

    @Test
    void aReceiverThatIsDownAndComesBackGetsTheEventAtTheNextAttempt() throws Exception {
        // given a receiver not listening yet, for a project that is cancelled
        int port = FreePort.pick();
        ProjectRow project = project(ProjectStatus.CANCELLED, "http://127.0.0.1:" + port + "/hooks/cancelled");
        worker.bean(CompletionCallbacks.class).projectEnded(worker.tenantId, project.id());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> attempts(project).size() >= 1);
        assertThat(attempts(project).getFirst().httpStatus()).isNull();
        assertThat(attempts(project).getFirst().error()).isEqualTo("could not connect to the receiver");
        assertThat(callback(project).state()).isEqualTo(CallbackState.SENDING);

        // when it comes back where it was
        try (CallbackReceiver receiver = CallbackReceiver.startOn(port)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> receiver.accepted().size() == 1);

            // then it gets the event once, signed
            assertThat(receiver.received()).hasSize(1);
            assertThat(receiver.received().getFirst().signedWith(secret())).isTrue();
            assertThat(JSON.readTree(receiver.received().getFirst().body()).get("type").asText()).isEqualTo("project.cancelled");
            await().atMost(Duration.ofSeconds(10)).until(() -> callback(project).state() == CallbackState.DELIVERED);
            assertThat(attempts(project).getLast().httpStatus()).isEqualTo(200);
        }
    }

    @Test
    void aReceiverThatAnswers410IsGivenUpAtOnceAndTheJobFailsOnceWithTheReason() {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            receiver.answer(410);
            ProjectRow project = project(ProjectStatus.DONE, receiver.url("/gone").toString());
            worker.bean(CompletionCallbacks.class).projectEnded(worker.tenantId, project.id());

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> callback(project).state() == CallbackState.FAILED);
            assertThat(callback(project).failureReason()).isEqualTo("HTTP 410");
            assertThat(attempts(project)).singleElement().satisfies(a -> assertThat(a.httpStatus()).isEqualTo(410));
            await().atMost(Duration.ofSeconds(10)).until(() -> job(project).getState() == StateName.FAILED);
            assertThat(job(project).getJobStates().stream().filter(FailedState.class::isInstance)).hasSize(1);
            assertThat(job(project).getJobStates().stream().filter(ScheduledState.class::isInstance)).isEmpty();
            assertThat(receiver.received()).hasSize(1);
            assertThat(status(project)).as("the project is not failed by its callback").isEqualTo(ProjectStatus.DONE);
        }
    }

    @Test
    void aReceiverThatNeverAcceptsIsGivenUpAfterTheLastAttempt() {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            receiver.answer(500, 500, 500, 500);
            ProjectRow project = project(ProjectStatus.DONE, receiver.url("/broken").toString());
            worker.bean(CompletionCallbacks.class).projectEnded(worker.tenantId, project.id());

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .until(() -> callback(project).state() == CallbackState.FAILED);
            assertThat(callback(project).failureReason()).isEqualTo("gave up after 4 attempts: HTTP 500");
            assertThat(attempts(project)).extracting(CallbackAttemptRow::httpStatus).containsExactly(500, 500, 500, 500);
            assertThat(attempts(project).getLast().nextAttemptAt()).isNull();
            assertThat(receiver.received()).hasSize(4);
            await().atMost(Duration.ofSeconds(10)).until(() -> job(project).getState() == StateName.FAILED);
        }
    }

    @Test
    void theSweeperSendsTheCallbackOfAnEndedProjectWhoseCallbackJobWasNeverEnqueued() {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            // given the rows a worker leaves when it dies between committing DONE and enqueueing the callback
            ProjectRow project = project(ProjectStatus.DONE, receiver.url("/late").toString());
            worker.execute("UPDATE projects SET updated_at = now() - interval '1 hour' WHERE id = ?", project.id());
            worker.execute("UPDATE project_callbacks SET updated_at = now() - interval '1 hour' WHERE project_id = ?", project.id());

            // then the sweep makes its callback job, which delivers it
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> receiver.accepted().size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> callback(project).state() == CallbackState.DELIVERED);
            assertThat(worker.jobsWithId(new NotifyCallback(worker.tenantId, project.id()).jobId())).isEqualTo(1);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void aCallbackWhoseUrlNowLeadsInsideIsNeverSentAndIsGivenUpWithTheReason() {
        // given a callback whose host now is a private address (as a name rebound since the project was submitted)
        ProjectRow project = project(ProjectStatus.FAILED, "https://10.0.0.7/hook");
        worker.bean(CompletionCallbacks.class).projectEnded(worker.tenantId, project.id());

        // then it is refused before any connection, and given up
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> callback(project).state() == CallbackState.FAILED);
        assertThat(callback(project).failureReason()).startsWith("the callback URL is not allowed now: it is a private address");
        assertThat(attempts(project)).singleElement().satisfies(a -> assertThat(a.httpStatus()).isNull());
    }

    @Test
    void afterARotationCallbacksAreSignedWithTheNewSecretAndForADayWithTheOldOneToo() {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            CallbackSecrets secrets = worker.bean(CallbackSecrets.class);
            String before = secrets.current(worker.tenantId).secret();
            String after = secrets.rotate(worker.tenantId, Instant.now()).secret();
            assertThat(after).startsWith("whsec_").isNotEqualTo(before);

            ProjectRow project = project(ProjectStatus.DONE, receiver.url("/rotated").toString());
            worker.bean(CompletionCallbacks.class).projectEnded(worker.tenantId, project.id());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> receiver.accepted().size() == 1);

            Received delivery = receiver.received().getFirst();
            assertThat(delivery.signatureCount()).isEqualTo(2);
            assertThat(delivery.signedWith(after)).isTrue();
            assertThat(delivery.signedWith(before)).isTrue();
        }
    }

    /** A project of this test's tenant in {@code status}, with its callback as the API writes it. */
    private ProjectRow project(ProjectStatus status, String callbackUrl) {
        UUID projectId = UUID.randomUUID();
        ProjectRow row = ProjectRows.project(worker.tenantId, characterId).id(projectId).topic("goblin yoga")
                .at(status, Stage.SCENARIOS).build();
        worker.bean(ProjectRepository.class).save(row);
        worker.bean(ProjectCallbackRepository.class).insertIfAbsent(projectId, worker.tenantId, callbackUrl);
        return row;
    }

    private String secret() {
        return worker.bean(CallbackSecrets.class).current(worker.tenantId).secret();
    }

    private ProjectStatus status(ProjectRow project) {
        return worker.bean(ProjectRepository.class).findByIdAndTenantId(project.id(), worker.tenantId).orElseThrow().status();
    }

    private ProjectCallbackRow callback(ProjectRow project) {
        return worker.bean(ProjectCallbackRepository.class).findByProject(project.id(), worker.tenantId).orElseThrow();
    }

    private List<CallbackAttemptRow> attempts(ProjectRow project) {
        return worker.bean(CallbackAttemptRepository.class).findByProject(project.id(), worker.tenantId);
    }

    private Job job(ProjectRow project) {
        return worker.bean(StorageProvider.class).getJobById(new NotifyCallback(worker.tenantId, project.id()).jobId());
    }
}
