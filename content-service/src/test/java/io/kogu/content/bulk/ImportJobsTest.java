package io.kogu.content.bulk;

import io.kogu.content.draft.DraftContent;
import io.kogu.platform.jobs.JobRunner;
import io.kogu.platform.jobs.JobUploads;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Draft imports as jobs of the platform runner: in the database (row and file), claimed with a lease, taken
 * over from a replica that died, every line bounded, strict UTF-8, clean text in every cell.
 */
@QuarkusTest
class ImportJobsTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    EntityManager entityManager;

    @Inject
    JobRunner runner;

    @Inject
    JobUploads uploads;

    @Inject
    DraftWriter writer;

    @Inject
    Scheduler scheduler;

    @BeforeEach
    void holdThePoller() {
        // This test runs the runner itself, as a replica's poll would.
        scheduler.pause("kogu-jobs-poll");
    }

    @AfterEach
    void releaseThePoller() {
        scheduler.resume("kogu-jobs-poll");
    }

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles));
    }

    private void update(String sql, Object... parameters) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = entityManager.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            query.executeUpdate();
        });
    }

    private Object single(String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = entityManager.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.getSingleResult();
        });
    }

    private long drafts() {
        return ((Number) single("select count(*) from draft where workspace_id = ?1", workspace)).longValue();
    }

    private Map<String, Object> job(String location) {
        return as("vic", "viewer").get(location).then().statusCode(200).extract().jsonPath().getMap("");
    }

    private String start(String contentType, byte[] file) {
        Response accepted = as("ann", "editor").contentType(contentType).body(file).post("/v1/drafts/imports");
        accepted.then().statusCode(202);
        return accepted.header("Location");
    }

    private Map<String, Object> run(String location) {
        while (runner.runDue() > 0) {
            // until nothing is due
        }
        return job(location);
    }

    private static String csv(int rows) {
        StringBuilder csv = new StringBuilder("title,body\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("Row ").append(i).append(",Body ").append(i).append('\n');
        }
        return csv.toString();
    }

    @Test
    void aJobWhoseReplicaDiedIsTakenOverAfterItsLeaseAndFinishesWithoutDuplicates() throws Exception {
        // What a replica leaves when it dies after committing the first chunk: the job running, its lease
        // (soon) out, 500 rows done with their drafts, the file in the database.
        UUID id = UUID.randomUUID();
        byte[] file = csv(1_200).getBytes(StandardCharsets.UTF_8);
        QuarkusTransaction.requiringNew().run(() -> {
            List<DraftContent> done = new ArrayList<>();
            for (int i = 1; i <= ImportService.CHUNK; i++) {
                done.add(new DraftContent("Row " + i, "Body " + i, null, null, null, null, null, null, null, null, null));
            }
            writer.create(workspace, "ann", done);
            entityManager.createNativeQuery("""
                    insert into import_job (id, workspace_id, created_by, format, status, total, processed, created,
                        failed, created_at, attempts, lease_owner, lease_until)
                    values (?1, ?2, 'ann', 'csv', 'running', 1200, 500, 500, 0, now(), 1, ?3,
                        now() + interval '1 minute')""")
                    .setParameter(1, id).setParameter(2, workspace).setParameter(3, UUID.randomUUID()).executeUpdate();
            try {
                uploads.store(id, new ByteArrayInputStream(file));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String location = "/v1/drafts/imports/" + id;

        assertThat(runner.runDue()).as("the lease is still held: the job is another replica's").isZero();
        assertThat(job(location)).containsEntry("processed", 500);

        update("update import_job set lease_until = now() - interval '1 second' where id = ?1", id);
        Map<String, Object> done = run(location);
        assertThat(done).containsEntry("status", "completed").containsEntry("total", 1_200)
                .containsEntry("processed", 1_200).containsEntry("created", 1_200).containsEntry("failed", 0);
        assertThat(drafts()).isEqualTo(1_200);
        assertThat(((Number) single("select count(distinct title) from draft where workspace_id = ?1", workspace))
                .longValue()).as("no row was written twice").isEqualTo(1_200);
        assertThat(((Number) single("select attempts from import_job where id = ?1", id)).intValue()).isEqualTo(2);
        assertThat(((Number) single("select count(*) from job_upload where job_id = ?1", id)).longValue())
                .as("the file is dropped when the job ends").isZero();
    }

    @Test
    void theUploadIsKeptInTheDatabaseWithItsJobNotOnThePodsDisk() throws Exception {
        byte[] file = csv(3).getBytes(StandardCharsets.UTF_8);
        String location = start("text/csv", file);
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (var in = uploads.open(id)) {
            in.transferTo(stored);
        }
        assertThat(stored.toByteArray()).isEqualTo(file);
        assertThat(run(location)).containsEntry("status", "completed").containsEntry("created", 3);
    }

    @Test
    void aJobThatKeepsBreakingEndsFailedWithAReasonAfterItsAttempts() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        insert into import_job (id, workspace_id, created_by, format, status, created_at, attempts,
                            lease_owner, lease_until)
                        values (?1, ?2, 'ann', 'csv', 'running', now(), 3, ?3, now() - interval '1 second')""")
                .setParameter(1, id).setParameter(2, workspace).setParameter(3, UUID.randomUUID()).executeUpdate());
        Map<String, Object> failed = run("/v1/drafts/imports/" + id);
        assertThat(failed).containsEntry("status", "failed");
        assertThat(failed.get("message")).asString().contains("started 3 times");
        assertThat(failed.get("finishedAt")).isNotNull();
    }

    @Test
    void aTooLongNdjsonLineIsReportedAsItsLineAndTheRowsBeforeItAreImported() {
        String longLine = "{\"title\":\"Long\",\"body\":\"" + "x".repeat(ImportFiles.MAX_LINE_CHARS) + "\"}";
        String file = "{\"title\":\"One\"}\n{\"title\":\"Two\"}\n" + longLine + "\n{\"title\":\"After\"}\n";
        Map<String, Object> done = run(start("application/x-ndjson", file.getBytes(StandardCharsets.UTF_8)));
        assertThat(done).containsEntry("status", "failed").containsEntry("created", 2).containsEntry("failed", 1);
        assertThat(done.get("message")).asString().contains("line 3");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) done.get("errors");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.get("line")).isEqualTo(3);
            assertThat(e.get("message")).asString().contains("longer than " + ImportFiles.MAX_LINE_CHARS);
        });
    }

    @Test
    void aTooLongCsvLineFailsTheJobWithItsLineNumber() {
        String file = "title,body\nOne,b\nTwo," + "x".repeat(ImportFiles.MAX_LINE_CHARS) + "\nThree,b\n";
        Map<String, Object> done = run(start("text/csv", file.getBytes(StandardCharsets.UTF_8)));
        assertThat(done).containsEntry("status", "failed").containsEntry("created", 0);
        assertThat(done.get("message")).asString().contains("line 3 is longer than " + ImportFiles.MAX_LINE_CHARS);
    }

    @Test
    void overlongUtf8FailsTheImportInsteadOfBeingStored() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("title,body\nOne,b\nT".getBytes(StandardCharsets.UTF_8));
        file.write(0xC0);
        file.write(0xAF);
        file.writeBytes(",b\n".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> done = run(start("text/csv", file.toByteArray()));
        assertThat(done).containsEntry("status", "failed").containsEntry("created", 0);
        assertThat(done.get("message")).asString().contains("not valid UTF-8");
        assertThat(drafts()).isZero();
    }

    @Test
    void aNulOrALoneSurrogateInACellMakesItsRowBadNamingTheColumn() {
        String ndjson = "{\"title\":\"a\\u0000b\"}\n{\"title\":\"ok\",\"notes\":\"\\ud800\"}\n{\"title\":\"Good\"}\n";
        Map<String, Object> done = run(start("application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8)));
        assertThat(done).containsEntry("status", "completed").containsEntry("created", 1).containsEntry("failed", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) done.get("errors");
        assertThat(errors.get(0).get("message")).asString().startsWith("title:").contains("U+0000");
        assertThat(errors.get(1).get("message")).asString().startsWith("notes:").contains("surrogate");

        String csv = "title,campaign\nGood,spring\nBad,sp\u0000ring\n";
        Map<String, Object> csvDone = run(start("text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(csvDone).containsEntry("created", 1).containsEntry("failed", 1);
        assertThat(as("vic", "viewer").get("/v1/drafts").then().extract().jsonPath().getList("items.title"))
                .containsExactlyInAnyOrder("Good", "Good");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> csvErrors = (List<Map<String, Object>>) csvDone.get("errors");
        assertThat(csvErrors).singleElement().satisfies(e -> {
            assertThat(e.get("line")).isEqualTo(3);
            assertThat(e.get("message")).asString().startsWith("campaign:").contains("U+0000");
        });
    }

    @Test
    void importRowsAreCheckedAgainstTheDraftInputModel() {
        StringBuilder channels = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            String id = as("ada", "admin").contentType("application/json")
                    .body("{\"network\":\"x\",\"handle\":\"@kogu" + i + "\",\"timeZone\":\"Europe/Tallinn\"}")
                    .post("/v1/channels").then().statusCode(201).extract().path("id");
            channels.append(i == 0 ? "" : ";").append(id);
        }
        String csv = "title,channels\nToo many channels," + channels + "\n";
        Map<String, Object> done = run(start("text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(done).containsEntry("created", 0).containsEntry("failed", 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) done.get("errors");
        assertThat(errors.get(0).get("message")).asString().contains("channelIds");
    }
}
