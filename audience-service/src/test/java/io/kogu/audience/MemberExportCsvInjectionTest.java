package io.kogu.audience;

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

/** The members' and a segment's CSV export never hand a spreadsheet a formula (platform CsvCells). */
@QuarkusTest
class MemberExportCsvInjectionTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private List<CSVRecord> records(String csv) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }

    @Test
    void memberTextsThatLookLikeFormulasStayTextInTheCsvExports() throws Exception {
        given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, "editor")).contentType(ContentType.JSON)
                .body("{\"displayName\":\"@SUM(1+1)*cmd|' /C calc'!A0\",\"country\":\"EE\",\"city\":\"+372\",\"tags\":[\"-vip\"]}")
                .post("/v1/members").then().statusCode(201);
        String segment = given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, "admin"))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Estonians\",\"rule\":{\"field\":\"country\",\"operator\":\"in\",\"values\":[\"EE\"]}}")
                .post("/v1/segments").then().statusCode(201).extract().path("id");

        String members = given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, "editor"))
                .accept("text/csv").get("/v1/members/export").then().statusCode(200).extract().asString();
        String inSegment = given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, "admin"))
                .accept("text/csv").get("/v1/segments/{id}/export", segment).then().statusCode(200).extract().asString();
        for (String csv : List.of(members, inSegment)) {
            CSVRecord member = records(csv).get(0);
            assertThat(member.get("displayName")).isEqualTo("'@SUM(1+1)*cmd|' /C calc'!A0");
            assertThat(member.get("city")).isEqualTo("'+372");
            assertThat(member.get("tags")).isEqualTo("'-vip");
            assertThat(member.get("country")).isEqualTo("EE");
        }
    }
}
