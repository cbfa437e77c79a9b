package io.kogu.content.bulk;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The drafts' CSV export never hands a spreadsheet a formula (platform CsvCells). */
@QuarkusTest
class DraftExportCsvInjectionTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Test
    void draftTextsThatLookLikeFormulasStayTextInTheCsvExport() throws Exception {
        given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, "editor")).contentType(ContentType.JSON)
                .body("{\"title\":\"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\",\"body\":\"-2+3\",\"tags\":[\"launch\"]}")
                .post("/v1/drafts").then().statusCode(201);
        String csv = given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .get("/v1/drafts/export").then().statusCode(200).extract().asString();
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("title")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"x\")");
        assertThat(records.get(0).get("body")).isEqualTo("'-2+3");
    }
}
