package io.kogu.content.channel;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialCipherTest {

    private static final String OLD = "old:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String NEW = "new:" + CredentialsConfig.DEVELOPMENT_KEY.replace('D', 'E');

    private final CredentialCipher cipher = new CredentialCipher(CredentialKeys.of("dev:" + CredentialsConfig.DEVELOPMENT_KEY));

    private static CredentialsConfig config(List<String> keys, String key, boolean allowDevelopmentKey) {
        return new CredentialsConfig() {
            @Override
            public Optional<List<String>> keys() {
                return Optional.ofNullable(keys);
            }

            @Override
            public Optional<String> key() {
                return Optional.ofNullable(key);
            }

            @Override
            public boolean allowDevelopmentKey() {
                return allowDevelopmentKey;
            }
        };
    }

    @Test
    void sealsAndOpensWithTheSameAssociatedData() {
        CredentialCipher.Sealed sealed = cipher.seal(Map.of("accessToken", "s3cret"), "ws/channel/1");
        assertThat(sealed.keyId()).isEqualTo("dev");
        assertThat(cipher.open(sealed.bytes(), "dev", "ws/channel/1")).isEqualTo(Map.of("accessToken", "s3cret"));
    }

    @Test
    void everySealUsesAFreshNonce() {
        assertThat(cipher.seal(Map.of("a", "b"), "x").bytes()).isNotEqualTo(cipher.seal(Map.of("a", "b"), "x").bytes());
    }

    @Test
    void aCiphertextMovedToAnotherRowOrAnotherKeyDoesNotOpen() {
        byte[] sealed = cipher.seal(Map.of("accessToken", "s3cret"), "ws/channel/1").bytes();
        assertThatThrownBy(() -> cipher.open(sealed, "dev", "ws/channel/2")).hasMessageNotContaining("s3cret");
        CredentialCipher other = new CredentialCipher(CredentialKeys.of("dev:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        assertThatThrownBy(() -> other.open(sealed, "dev", "ws/channel/1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAKeyOfTheWrongSize() {
        assertThatThrownBy(() -> CredentialKeys.of("k:c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> CredentialKeys.of("c2hvcnQ=")).hasMessageContaining("id:base64");
    }

    @Test
    void keysRotateTheNewestSealsAndEveryKeyOpensWhatItSealed() {
        CredentialCipher before = new CredentialCipher(CredentialKeys.of(OLD));
        byte[] old = before.seal(Map.of("accessToken", "s3cret"), "ws/channel/1").bytes();

        CredentialCipher rotated = new CredentialCipher(CredentialKeys.of(NEW, OLD));
        assertThat(rotated.currentKeyId()).isEqualTo("new");
        assertThat(rotated.seal(Map.of("a", "b"), "x").keyId()).isEqualTo("new");
        assertThat(rotated.open(old, "old", "ws/channel/1")).isEqualTo(Map.of("accessToken", "s3cret"));
        // Sealed before key ids were stored: every configured key is tried.
        assertThat(rotated.open(old, null, "ws/channel/1")).isEqualTo(Map.of("accessToken", "s3cret"));
        // Once the old key is removed, its ciphertexts name the key that is missing.
        CredentialCipher after = new CredentialCipher(CredentialKeys.of(NEW));
        assertThatThrownBy(() -> after.open(old, "old", "ws/channel/1")).hasMessageContaining("old")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void productionRefusesToStartWithoutAKeyOrWithThePublicDevelopmentKey() {
        assertThatThrownBy(() -> CredentialKeys.from(config(null, null, false), LaunchMode.NORMAL))
                .hasMessageContaining("KOGU_CONTENT_CREDENTIALS_KEYS");
        assertThatThrownBy(() -> CredentialKeys.from(config(null, CredentialsConfig.DEVELOPMENT_KEY, false), LaunchMode.NORMAL))
                .hasMessageContaining("public development key");
        assertThatThrownBy(() -> CredentialKeys.from(config(List.of("k:" + CredentialsConfig.DEVELOPMENT_KEY), null, false),
                LaunchMode.NORMAL)).hasMessageContaining("public development key");
        // A configured secret key starts; the single key of before key ids seals as "default".
        assertThat(CredentialKeys.from(config(List.of(NEW, OLD), null, false), LaunchMode.NORMAL).current().id()).isEqualTo("new");
        assertThat(CredentialKeys.from(config(null, OLD.substring(4), false), LaunchMode.NORMAL).current().id())
                .isEqualTo("default");
        // Dev and test mode, and the local run that allows it, fall back to the development key.
        assertThat(CredentialKeys.from(config(null, null, false), LaunchMode.TEST).current().id()).isEqualTo("development");
        assertThat(CredentialKeys.from(config(null, null, false), LaunchMode.DEVELOPMENT).current().id()).isEqualTo("development");
        assertThat(CredentialKeys.from(config(null, null, true), LaunchMode.NORMAL).current().id()).isEqualTo("development");
    }
}
