package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.List;

import static io.restassured.RestAssured.given;

/**
 * The calls of the inbox tests, in a fresh workspace of their own: as a person ("ann") with roles, as this
 * service (the collector's and content-service's calls), or with only the answer checked against the contract (a
 * request that is bad on purpose).
 */
final class InboxCalls {

    final Contract contract = Contract.ofThisService();
    final String workspace = TestTokens.newWorkspace();

    RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf("ann", workspace, roles))
                .contentType(ContentType.JSON);
    }

    RequestSpecification badRequestAs(String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, roles))
                .contentType(ContentType.JSON);
    }

    RequestSpecification asService() {
        return given().filter(contract.full()).auth().oauth2(TestTokens.serviceForThisService())
                .header("Kogu-Workspace", workspace).contentType(ContentType.JSON);
    }

    /** Takes in the items (ConversationsTest.item) as the service; answers their conversations' ids in order. */
    List<String> receive(String... items) {
        return asService().body("{\"items\":[" + String.join(",", items) + "]}").post("/v1/conversation-items")
                .then().statusCode(200).extract().path("items.conversationId");
    }
}
