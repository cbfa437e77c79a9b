package io.kogu.metrics;

import io.kogu.testsupport.ServiceConventionsTests;
import io.quarkus.test.junit.QuarkusTest;

import java.util.UUID;

@QuarkusTest
class MetricsServiceConventionsTest extends ServiceConventionsTests {

    @Override
    protected String protectedPath() {
        return "/v1/publications/" + UUID.randomUUID() + "/summary";
    }
}
