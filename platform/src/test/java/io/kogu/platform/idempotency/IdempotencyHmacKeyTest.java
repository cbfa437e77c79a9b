package io.kogu.platform.idempotency;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyHmacKeyTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void refusesToStartInProductionWithoutAnHmacKey() {
        assertThatThrownBy(() -> Idempotency.hmacKey(Optional.empty(), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KOGU_IDEMPOTENCY_HMAC_KEY");
    }

    @Test
    void refusesThePublicDevelopmentKeyInProduction() {
        assertThatThrownBy(() -> Idempotency.hmacKey(Optional.of(Idempotency.DEVELOPMENT_KEY), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAKeyShorterThan32Bytes() {
        assertThatThrownBy(() -> Idempotency.hmacKey(Optional.of(Base64.getEncoder().encodeToString(new byte[16])),
                LaunchMode.NORMAL)).hasMessageContaining("32 bytes");
    }

    @Test
    void devAndTestFallBackToTheDevelopmentKey() {
        assertThat(Idempotency.hmacKey(Optional.empty(), LaunchMode.TEST))
                .isEqualTo(Base64.getDecoder().decode(Idempotency.DEVELOPMENT_KEY));
        assertThat(Idempotency.hmacKey(Optional.empty(), LaunchMode.DEVELOPMENT)).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void productionUsesTheConfiguredKey() {
        assertThat(Idempotency.hmacKey(Optional.of(KEY), LaunchMode.NORMAL)).isEqualTo(new byte[32]);
    }
}
