package io.kogu.platform.webhooks;

import io.quarkus.runtime.LaunchMode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The endpoints' signing secrets: made here ({@code whsec_} and base64 of 32 random bytes, as Standard Webhooks
 * specifies) and sealed at rest with AES-256-GCM under {@code kogu.webhooks.secret-key}, bound to the endpoint's id
 * (associated data), so a sealed secret copied to another row does not open. Nothing here logs a secret.
 */
@ApplicationScoped
public class WebhookSecrets {

    /** The development key: public in this repository; used only in dev and test without a configured key. */
    public static final String DEVELOPMENT_KEY = "a29ndS1kZXZlbG9wbWVudC13ZWJob29rLXNlY3JldHM=";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    @Inject
    WebhookSettings settings;

    private final SecureRandom random = new SecureRandom();
    SecretKeySpec key;

    @PostConstruct
    void init() {
        key = new SecretKeySpec(key(settings.secretKey(), LaunchMode.current()), "AES");
    }

    static byte[] key(Optional<String> configured, LaunchMode mode) {
        boolean devOrTest = mode == LaunchMode.DEVELOPMENT || mode == LaunchMode.TEST;
        String value = configured.filter(v -> !v.isBlank()).orElse(null);
        if (value == null || value.equals(DEVELOPMENT_KEY)) {
            if (!devOrTest) {
                throw new IllegalStateException("kogu.webhooks.secret-key (KOGU_WEBHOOKS_SECRET_KEY) is not set, or is the"
                        + " public development key: set base64 of 32 random bytes (head -c 32 /dev/urandom | base64)");
            }
            value = DEVELOPMENT_KEY;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("kogu.webhooks.secret-key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("kogu.webhooks.secret-key must be 32 bytes (AES-256), base64-encoded");
        }
        return bytes;
    }

    /** A new secret. */
    public String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    public byte[] seal(String secret, String endpointId) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A webhook secret could not be encrypted: " + e.getClass().getSimpleName());
        }
    }

    public String open(byte[] sealed, String endpointId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A webhook secret does not open with kogu.webhooks.secret-key: "
                    + e.getClass().getSimpleName());
        }
    }
}
