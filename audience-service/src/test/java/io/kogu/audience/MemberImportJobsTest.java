package io.kogu.audience;

import io.kogu.platform.jobs.JobRunner;
import io.kogu.platform.jobs.JobUploads;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Member imports as jobs of the platform runner: in the database (row and file), claimed with a lease, taken
 * over from a replica that died, every line bounded, strict UTF-8, clean text in every cell.
 */
@QuarkusTest
class MemberImportJobsTest {

    private static final String NDJSON = "application/x-ndjson";

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    EntityManager entityManager;

    @Inject
    JobRunner runner;

    @Inject
    JobUploads uploads;

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

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles));
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

    private String start(String contentType, byte[] file) {
        String location = as("editor").contentType(contentType).body(file).post("/v1/member-imports").then()
                .statusCode(202).extract().header("Location");
        return location.substring(location.indexOf("/v1/"));
    }

    private JsonPath run(String path) {
        while (runner.runDue() > 0) {
            // until nothing is due
        }
        return as("viewer").get(path).then().statusCode(200).extract().jsonPath();
    }

    private static String members(int from, int to) {
        StringBuilder ndjson = new StringBuilder();
        for (int i = from; i <= to; i++) {
            ndjson.append("{\"displayName\":\"M").append(i).append("\",\"externalId\":\"m-").append(i).append("\"}\n");
        }
        return ndjson.toString();
    }

    @Test
    void aJobWhoseReplicaDiedIsTakenOverAfterItsLeaseAndFinishesWithoutDuplicates() throws Exception {
        // A replica stored the first batch (500 members) with its progress and died: the job stays running
        // with a lease that runs out, the file in the database.
        byte[] firstBatch = members(1, 500).getBytes(StandardCharsets.UTF_8);
        JsonPath first = run(start(NDJSON, firstBatch));
        assertThat(first.getLong("created")).isEqualTo(500);

        UUID id = UUID.randomUUID();
        byte[] file = members(1, 1_200).getBytes(StandardCharsets.UTF_8);
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("""
                    insert into member_import (id, workspace_id, format, status, total, processed, created,
                        created_at, attempts, lease_owner, lease_until)
                    values (?1, ?2, 'ndjson', 'running', 1200, 500, 500, now(), 1, ?3, now() + interval '1 minute')""")
                    .setParameter(1, id).setParameter(2, workspace).setParameter(3, UUID.randomUUID()).executeUpdate();
            try {
                uploads.store(id, new ByteArrayInputStream(file));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String path = "/v1/member-imports/" + id;
        assertThat(runner.runDue()).as("the lease is still held: the job is another replica's").isZero();

        update("update member_import set lease_until = now() - interval '1 second' where id = ?1", id);
        JsonPath done = run(path);
        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getLong("processed")).isEqualTo(1_200);
        assertThat(done.getLong("created")).as("the rows done before are not imported again").isEqualTo(1_200);
        assertThat(done.getLong("unchanged")).isZero();
        assertThat(done.getLong("failed")).isZero();
        assertThat(((Number) single("select count(*) from member where workspace_id = ?1", workspace)).longValue())
                .isEqualTo(1_200);
        assertThat(((Number) single("select attempts from member_import where id = ?1", id)).intValue()).isEqualTo(2);
        assertThat(((Number) single("select count(*) from job_upload where job_id = ?1", id)).longValue())
                .as("the file is dropped when the job ends").isZero();
    }

    @Test
    void theUploadIsKeptInTheDatabaseWithItsJobNotOnThePodsDisk() throws Exception {
        File tmp = new File(System.getProperty("java.io.tmpdir"));
        String[] before = tmp.list((dir, name) -> name.startsWith("kogu-import-"));
        byte[] file = members(1, 3).getBytes(StandardCharsets.UTF_8);
        String path = start(NDJSON, file);
        UUID id = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));

        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (var in = uploads.open(id)) {
            in.transferTo(stored);
        }
        assertThat(stored.toByteArray()).isEqualTo(file);
        assertThat(tmp.list((dir, name) -> name.startsWith("kogu-import-"))).hasSameSizeAs(before);
        JsonPath done = run(path);
        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getLong("created")).isEqualTo(3);
    }

    @Test
    void aJobIsQueuedUntilAReplicaTakesItUpAsContentServicesImportsAre() {
        String path = start(NDJSON, members(1, 2).getBytes(StandardCharsets.UTF_8));
        as("viewer").get(path).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("queued"))
                .body("processed", org.hamcrest.Matchers.equalTo(0));
        JsonPath done = run(path);
        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getInt("created")).isEqualTo(2);
        assertThat(done.getString("message")).isNull();
    }

    @Test
    void aJobThatKeepsBreakingEndsFailedWithAReasonAfterItsAttempts() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        insert into member_import (id, workspace_id, format, status, total, created_at, attempts,
                            lease_owner, lease_until)
                        values (?1, ?2, 'csv', 'running', 10, now(), 3, ?3, now() - interval '1 second')""")
                .setParameter(1, id).setParameter(2, workspace).setParameter(3, UUID.randomUUID()).executeUpdate());
        JsonPath failed = run("/v1/member-imports/" + id);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("errors[0].message")).contains("started 3 times");
        assertThat(failed.getString("message")).as("why the job failed, as content-service says it")
                .contains("started 3 times");
        assertThat(failed.getString("finishedAt")).isNotNull();
    }

    @Test
    void aTooLongLineIsA400NamingTheLine() {
        String file = members(1, 2) + "{\"displayName\":\"" + "x".repeat(1_000_001) + "\"}\n" + members(3, 3);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "editor")).contentType(NDJSON)
                .body(file.getBytes(StandardCharsets.UTF_8)).post("/v1/member-imports").then().statusCode(400)
                .body("errors[0].field", equalTo("body")).body("errors[0].message", containsString("line 3 is longer than"));
        String csv = "displayName,country\nAnn,EE\n" + "x".repeat(1_000_001) + ",EE\n";
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "editor")).contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post("/v1/member-imports").then().statusCode(400)
                .body("errors[0].message", containsString("line 3 is longer than"));
    }

    @Test
    void overlongUtf8IsA400SayingTheFileIsNotUtf8() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("{\"displayName\":\"A".getBytes(StandardCharsets.UTF_8));
        file.write(0xC0);
        file.write(0xAF);
        file.writeBytes("\",\"externalId\":\"1\"}\n".getBytes(StandardCharsets.UTF_8));
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "editor")).contentType(NDJSON)
                .body(file.toByteArray()).post("/v1/member-imports").then().statusCode(400)
                .body("errors[0].message", containsString("not valid UTF-8"));
    }

    @Test
    void aNulOrALoneSurrogateInACellMakesItsRowBadNamingTheColumn() {
        String ndjson = "{\"displayName\":\"A\\u0000\",\"externalId\":\"n-1\"}\n"
                + "{\"displayName\":\"B\",\"externalId\":\"n-2\",\"city\":\"\\ud800\"}\n"
                + "{\"displayName\":\"C\",\"externalId\":\"n-3\"}\n";
        JsonPath done = run(start(NDJSON, ndjson.getBytes(StandardCharsets.UTF_8)));
        assertThat(done.getLong("created")).isEqualTo(1);
        assertThat(done.getList("errors.line", Integer.class)).containsExactly(1, 2);
        assertThat(done.getList("errors.field", String.class)).containsExactly("displayName", "city");
        assertThat(done.getString("errors[0].message")).contains("U+0000");
        assertThat(done.getString("errors[1].message")).contains("surrogate");

        String csv = "displayName,externalId,city\nD,n-4,Tal\u0000linn\nE,n-5,Tartu\n";
        JsonPath csvDone = run(start("text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(csvDone.getLong("created")).isEqualTo(1);
        assertThat(csvDone.getList("errors.field", String.class)).containsExactly("city");
    }
}
