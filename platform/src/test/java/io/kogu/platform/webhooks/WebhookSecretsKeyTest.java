package io.kogu.platform.webhooks;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key that seals webhook secrets: required outside dev and test, never the public development key there. */
class WebhookSecretsKeyTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void aNormalRunWithoutAKeyOrWithTheDevelopmentKeyDoesNotStart() {
        assertThatThrownBy(() -> WebhookSecrets.key(Optional.empty(), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KOGU_WEBHOOKS_SECRET_KEY");
        assertThatThrownBy(() -> WebhookSecrets.key(Optional.of(WebhookSecrets.DEVELOPMENT_KEY), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("development key");
    }

    @Test
    void aKeyMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> WebhookSecrets.key(Optional.of(Base64.getEncoder().encodeToString(new byte[16])),
                LaunchMode.NORMAL)).isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> WebhookSecrets.key(Optional.of("not base64!"), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("base64");
    }

    @Test
    void devAndTestFallBackToTheDevelopmentKeyAndAConfiguredKeyIsUsed() {
        assertThat(WebhookSecrets.key(Optional.empty(), LaunchMode.TEST)).hasSize(32);
        assertThat(WebhookSecrets.key(Optional.of(KEY), LaunchMode.NORMAL)).isEqualTo(new byte[32]);
    }

    @Test
    void aSealedSecretOpensOnlyForItsEndpoint() {
        WebhookSecrets secrets = new WebhookSecrets();
        secrets.key = new javax.crypto.spec.SecretKeySpec(new byte[32], "AES");
        String secret = secrets.generate();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
        byte[] sealed = secrets.seal(secret, "endpoint-a");
        assertThat(secrets.open(sealed, "endpoint-a")).isEqualTo(secret);
        assertThatThrownBy(() -> secrets.open(sealed, "endpoint-b")).isInstanceOf(IllegalStateException.class);
    }
}
