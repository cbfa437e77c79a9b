package io.kogu.audience;

import io.kogu.testsupport.ServiceConventionsTests;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AudienceServiceConventionsTest extends ServiceConventionsTests {

    @Override
    protected String protectedPath() {
        return "/v1/members";
    }
}
