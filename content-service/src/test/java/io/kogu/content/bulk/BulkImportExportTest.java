package io.kogu.content.bulk;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class BulkImportExportTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    EntityManager entityManager;

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles));
    }

    private String channel() {
        return as("ada", "admin").contentType(ContentType.JSON)
                .body("{\"network\":\"x\",\"handle\":\"@kogu\",\"timeZone\":\"Europe/Tallinn\"}")
                .post("/v1/channels").then().statusCode(201).extract().path("id");
    }

    private long count(String table) {
        return ((Number) entityManager.createNativeQuery("select count(*) from " + table + " where workspace_id = ?1")
                .setParameter(1, workspace).getSingleResult()).longValue();
    }

    /** Polls the job until it ends, keeping every state seen on the way. */
    private List<Map<String, Object>> awaitJob(String location) {
        List<Map<String, Object>> seen = Collections.synchronizedList(new ArrayList<>());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Map<String, Object> job = as("vic", "viewer").get(location).then().statusCode(200).extract().jsonPath().getMap("");
            seen.add(job);
            return job.get("status").equals("completed") || job.get("status").equals("failed");
        });
        return seen;
    }

    @Test
    void tenThousandCsvRowsWithThreeBadOnesCreate9997DraftsAndReportTheLines() {
        String channel = channel();
        StringBuilder csv = new StringBuilder("title,body,channels,tags,campaign,scheduledAt,timeZone\n");
        List<Integer> badLines = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < 10_000; i++) {
            line++;
            if (i == 10) {
                // A body over two lines: the rows after it start one line further down.
                csv.append("Two lines,\"first\nsecond\",").append(channel).append(",multi,,,\n");
                line++;
            } else if (i == 100) {
                csv.append(",no title,,,,,\n");
                badLines.add(line);
            } else if (i == 5_000) {
                csv.append("Unknown channel,b,").append(UUID.randomUUID()).append(",,,,\n");
                badLines.add(line);
            } else if (i == 9_999) {
                csv.append("Skipped hour,b,,,,2027-03-28T03:30,Europe/Tallinn\n");
                badLines.add(line);
            } else {
                csv.append("Post ").append(i).append(",Body ").append(i).append(',').append(channel)
                        .append(",bulk;batch-").append(i % 7).append(",spring,2027-04-0").append(1 + i % 9)
                        .append("T09:30,Europe/Tallinn\n");
            }
        }
        Response accepted = as("ann", "editor").contentType("text/csv").body(csv.toString()).post("/v1/drafts/imports");
        accepted.then().statusCode(202).header("Location", containsString("/v1/drafts/imports/"))
                .body("status", equalTo("queued")).body("format", equalTo("csv"));

        List<Map<String, Object>> seen = awaitJob(accepted.header("Location"));
        Map<String, Object> done = seen.get(seen.size() - 1);
        assertThat(done).containsEntry("status", "completed").containsEntry("total", 10_000)
                .containsEntry("processed", 10_000).containsEntry("created", 9_997).containsEntry("failed", 3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) done.get("errors");
        assertThat(errors).extracting(e -> e.get("line")).containsExactlyElementsOf(badLines);
        assertThat(errors.get(0).get("message")).asString().contains("title");
        assertThat(errors.get(1).get("message")).asString().contains("no channel");
        assertThat(errors.get(2).get("message")).asString().contains("does not exist in Europe/Tallinn");
        // Progress is visible while the job runs, and never goes back.
        List<Integer> processed = seen.stream().map(job -> (Integer) job.get("processed")).toList();
        assertThat(processed).isSorted();
        assertThat(seen).anyMatch(job -> job.get("status").equals("running") && (Integer) job.get("processed") > 0
                && (Integer) job.get("processed") < 10_000);

        assertThat(count("draft")).isEqualTo(9_997);
        assertThat(count("draft_revision")).isEqualTo(9_997);
        assertThat(count("draft_transition")).isEqualTo(9_997);
        as("vic", "viewer").queryParam("tag", "multi").get("/v1/drafts").then()
                .body("items[0].body", equalTo("first\nsecond"));
        as("vic", "viewer").queryParam("q", "\"Post 42\"").get("/v1/drafts").then()
                .body("items[0].plannedAt", equalTo("2027-04-07T06:30:00Z")).body("items[0].revision", equalTo(1))
                .body("items[0].channelIds[0]", equalTo(channel));
    }

    @Test
    void ndjsonRowsAreCheckedOneByOne() {
        String ndjson = """
                {"title":"Good","body":"b","tags":["a","b"],"scheduledAt":"2027-05-01T10:00:00+03:00"}
                not json

                {"body":"no title"}
                {"title":"Also good","link":"https://example.com"}
                """;
        Response accepted = as("ann", "editor").contentType("application/x-ndjson")
                .body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/v1/drafts/imports");
        accepted.then().statusCode(202).body("format", equalTo("ndjson"));
        awaitJob(accepted.header("Location"));
        Map<String, Object> done = as("vic", "viewer").get(accepted.header("Location")).then().extract().jsonPath().getMap("");
        assertThat(done).containsEntry("created", 2).containsEntry("failed", 2).containsEntry("total", 4);
        assertThat(as("vic", "viewer").get(accepted.header("Location")).then().extract().jsonPath().getList("errors.line"))
                .containsExactly(2, 4);
        as("vic", "viewer").queryParam("tag", "a").get("/v1/drafts").then().body("items[0].plannedAt",
                equalTo("2027-05-01T07:00:00Z"));
    }

    @Test
    void exportStreamsTheFilteredDraftsAsCsvOrNdjson() throws Exception {
        for (int i = 0; i < 3; i++) {
            as("ann", "editor").contentType(ContentType.JSON)
                    .body("{\"title\":\"E%d\",\"body\":\"line one, \\\"quoted\\\"\\nline two\",\"tags\":[\"%s\"]}"
                            .formatted(i, i < 2 ? "export" : "other")).post("/v1/drafts").then().statusCode(201);
        }
        String csv = as("vic", "viewer").queryParam("tag", "export").get("/v1/drafts/export").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(records).extracting(r -> r.get("title")).containsExactly("E1", "E0");
        assertThat(records.get(0).get("body")).isEqualTo("line one, \"quoted\"\nline two");
        assertThat(records.get(0).get("status")).isEqualTo("draft");
        assertThat(records.get(0).toMap().keySet()).as("the Draft's JSON names").containsExactly("id", "title", "body",
                "channelIds", "tags", "campaign", "link", "notes", "plannedAt", "status", "createdAt");

        String ndjson = as("vic", "viewer").queryParam("format", "ndjson").get("/v1/drafts/export").then().statusCode(200)
                .contentType(containsString("application/x-ndjson")).extract().asString();
        assertThat(ndjson.lines()).hasSize(3).allMatch(l -> l.startsWith("{\"id\""))
                .allMatch(l -> l.contains("\"channelIds\":[]"));
        // Accept chooses like ?format= (issue 11: the same on every export); ?format= wins over Accept.
        assertThat(as("vic", "viewer").accept("application/x-ndjson").get("/v1/drafts/export").then().statusCode(200)
                .contentType(containsString("application/x-ndjson")).extract().asString()).isEqualTo(ndjson);
        as("vic", "viewer").accept("application/x-ndjson, text/csv").queryParam("format", "csv").get("/v1/drafts/export")
                .then().statusCode(200).contentType(containsString("text/csv"));

        // An export imports again, into another workspace.
        String other = TestTokens.newWorkspace();
        String location = given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf("ann", other, "editor"))
                .contentType("text/csv").body(csv).post("/v1/drafts/imports").then().statusCode(202).extract()
                .header("Location");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(TestTokens.tokenOf("vic", other, "viewer"))
                .get(location).path("status").equals("completed"));
        given().auth().oauth2(TestTokens.tokenOf("vic", other, "viewer")).get(location).then()
                .body("created", equalTo(2)).body("failed", equalTo(0));
    }

    @Test
    void importsAreGuarded() {
        given().filter(contract.responsesOnly()).contentType("text/csv").body("title\nx\n").post("/v1/drafts/imports")
                .then().statusCode(401);
        as("vic", "viewer").contentType("text/csv").body("title\nx\n").post("/v1/drafts/imports").then().statusCode(403);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("ann", workspace, "editor"))
                .contentType(ContentType.JSON).body("{}").post("/v1/drafts/imports").then().statusCode(415);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("ann", workspace, "editor"))
                .contentType("text/csv").body(" ").post("/v1/drafts/imports").then().statusCode(400);
        String location = as("ann", "editor").contentType("text/csv").body("title\nx\n").post("/v1/drafts/imports")
                .then().statusCode(202).extract().header("Location");
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin")).get(location)
                .then().statusCode(404);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("vic", workspace, "viewer"))
                .queryParam("format", "xml").get("/v1/drafts/export").then().statusCode(400)
                .body("errors[0].field", equalTo("format")).body("errors[0].message", containsString("[csv, ndjson]"));
        as("x", "integration").get("/v1/drafts/export").then().statusCode(403);
    }

    @Test
    void aFileWithoutATitleColumnFailsTheJobWithAReason() {
        String location = as("ann", "editor").contentType("text/csv").body("name,body\nx,y\n").post("/v1/drafts/imports")
                .then().statusCode(202).extract().header("Location");
        awaitJob(location);
        as("vic", "viewer").get(location).then().body("status", equalTo("failed"))
                .body("message", containsString("title column")).body("created", equalTo(0));
    }
}
