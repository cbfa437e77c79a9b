package io.kogu.content.channel;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialCipherTest {

    private final CredentialCipher cipher = new CredentialCipher(() -> CredentialsConfig.DEVELOPMENT_KEY);

    @Test
    void sealsAndOpensWithTheSameAssociatedData() {
        byte[] sealed = cipher.seal(Map.of("accessToken", "s3cret"), "ws/channel/1");
        assertThat(cipher.open(sealed, "ws/channel/1")).isEqualTo(Map.of("accessToken", "s3cret"));
    }

    @Test
    void everySealUsesAFreshNonce() {
        assertThat(cipher.seal(Map.of("a", "b"), "x")).isNotEqualTo(cipher.seal(Map.of("a", "b"), "x"));
    }

    @Test
    void aCiphertextMovedToAnotherRowOrAnotherKeyDoesNotOpen() {
        byte[] sealed = cipher.seal(Map.of("accessToken", "s3cret"), "ws/channel/1");
        assertThatThrownBy(() -> cipher.open(sealed, "ws/channel/2")).hasMessageNotContaining("s3cret");
        CredentialCipher other = new CredentialCipher(() -> "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        assertThatThrownBy(() -> other.open(sealed, "ws/channel/1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAKeyOfTheWrongSize() {
        assertThatThrownBy(() -> new CredentialCipher(() -> "c2hvcnQ=")).hasMessageContaining("32 bytes");
    }
}
