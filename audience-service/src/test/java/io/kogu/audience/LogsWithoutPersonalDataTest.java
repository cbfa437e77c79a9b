package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.LogCapture;
import io.kogu.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;



import java.util.List;
import java.util.UUID;




import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A unique constraint that fails on a member's handle puts the handle neither into the log (Hibernate's
 * SqlExceptionHelper is silenced) nor into the exception that the problem mapper logs (pgjdbc
 * logServerErrorDetail=false keeps PostgreSQL's "Key (…)=(…)" detail out of messages).
 */
@QuarkusTest
class LogsWithoutPersonalDataTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();
    private LogCapture logs;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void aFailedUniqueHandleLeavesTheHandleOutOfLogsAndExceptions() {
        String handle = "@private-" + UUID.randomUUID();
        String member = given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, "editor"))
                .contentType(ContentType.JSON)
                .body("{\"displayName\":\"Ann\",\"handles\":[{\"network\":\"x\",\"handle\":\"%s\"}]}".formatted(handle))
                .post("/v1/members").then().statusCode(201).extract().path("id");

        Throwable failure = catchThrowable(() -> QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        insert into member_handle (id, member_id, workspace_id, network, handle, handle_key, position)
                        values (?1, ?2, ?3, 'x', ?4, ?5, 1)""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, UUID.fromString(member)).setParameter(3, workspace)
                .setParameter(4, handle.toUpperCase())
                .setParameter(5, io.kogu.platform.text.Handles.normalize("x", handle.toUpperCase())).executeUpdate()));

        assertThat(failure).isNotNull();
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            chain.append(t).append('\n');
        }
        assertThat(chain.toString()).contains("member_handle_unique").doesNotContainIgnoringCase(handle);
        assertThat(logs.lines()).noneMatch(line -> line.toLowerCase().contains(handle.toLowerCase()));
    }
}
