package io.kogu.content;

import io.kogu.testsupport.ServiceConventionsTests;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ContentServiceConventionsTest extends ServiceConventionsTests {

    @Override
    protected String protectedPath() {
        return "/v1/drafts";
    }
}
