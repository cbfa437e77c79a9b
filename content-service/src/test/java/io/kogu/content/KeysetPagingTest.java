package io.kogu.content;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lists that moved onto the shared keyset helper (platform {@code Keyset}): walked page by page with the
 * cursors they give out, they answer exactly the one-page list, newest first, each item once, and end with no
 * cursor.
 */
@QuarkusTest
class KeysetPagingTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private RequestSpecification ann() {
        return as("ann", "editor", "approver");
    }

    private String draft(String channel, String title) {
        return ann().body("{\"title\":\"%s\",\"body\":\"b\",\"channelIds\":[\"%s\"],\"tags\":[\"paged\"]}"
                .formatted(title, channel)).post("/v1/drafts").then().statusCode(201).extract().path("id");
    }

    /** Every page of {@code path} at {@code limit} items, following nextCursor; the items' ids in order. */
    private List<String> walk(String path, Map<String, ?> query, int limit, Object... pathParams) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = as("vic", "viewer").queryParams(query).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(path, pathParams).then().statusCode(200).extract().response();
            List<String> items = page.path("items.id");
            assertThat(items).hasSizeLessThanOrEqualTo(limit);
            ids.addAll(items);
            cursor = page.path("nextCursor");
            assertThat(++pages).as("pages of " + path).isLessThan(50);
        } while (cursor != null);
        return ids;
    }

    private void pagesMatchOneList(String path, Map<String, ?> query, int expected, Object... pathParams) {
        List<String> whole = walk(path, query, 100, pathParams);
        assertThat(whole).hasSize(expected).doesNotHaveDuplicates();
        assertThat(walk(path, query, 1, pathParams)).containsExactlyElementsOf(whole);
        assertThat(walk(path, query, 2, pathParams)).containsExactlyElementsOf(whole);
    }

    @Test
    void draftsChannelsCommentsAndHistoryPageByKeyset() {
        String channel = as("ada", "admin").body("{\"network\":\"x\",\"handle\":\"@kogu\",\"timeZone\":\"UTC\"}")
                .post("/v1/channels").then().statusCode(201).extract().path("id");
        as("ada", "admin").body("{\"network\":\"mastodon\",\"handle\":\"@kogu\",\"timeZone\":\"UTC\"}")
                .post("/v1/channels").then().statusCode(201);
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            drafts.add(draft(channel, "Draft " + i));
        }
        pagesMatchOneList("/v1/drafts", Map.of("tag", "paged"), 5);
        assertThat(walk("/v1/drafts", Map.of("tag", "paged"), 2)).containsExactlyInAnyOrderElementsOf(drafts);
        pagesMatchOneList("/v1/channels", Map.of(), 2);

        String id = drafts.get(0);
        for (String body : List.of("one", "two", "three")) {
            ann().body("{\"body\":\"%s\"}".formatted(body)).post("/v1/drafts/{id}/comments", id).then().statusCode(201);
        }
        pagesMatchOneList("/v1/drafts/{id}/comments", Map.of(), 3, id);
        String etag = as("vic", "viewer").get("/v1/drafts/{id}", id).then().statusCode(200).extract().header("ETag");
        ann().header("If-Match", etag).body("{}").post("/v1/drafts/{id}/submission", id).then().statusCode(200);
        List<String> history = walk("/v1/drafts/{id}/history", Map.of(), 100, id);
        assertThat(history.size()).isGreaterThanOrEqualTo(2);
        pagesMatchOneList("/v1/drafts/{id}/history", Map.of(), history.size(), id);
    }
}
