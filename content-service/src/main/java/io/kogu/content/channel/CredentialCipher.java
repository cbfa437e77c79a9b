package io.kogu.content.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;

/**
 * Seals channel credentials with AES-256-GCM: a fresh 96-bit nonce per encryption (stored in front of the
 * ciphertext), a 128-bit tag, and associated data that binds the ciphertext to its row. The newest key of
 * {@link CredentialKeys} seals and its id is stored beside the ciphertext; any configured key opens what it sealed.
 * Nothing here logs a credential, a key or a plaintext.
 */
@ApplicationScoped
@Startup
public class CredentialCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final CredentialKeys keys;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();

    /** Credentials sealed under the key {@code keyId}. */
    public record Sealed(String keyId, byte[] bytes) {
    }

    @Inject
    public CredentialCipher(CredentialsConfig config) {
        this(CredentialKeys.from(config, LaunchMode.current()));
    }

    public CredentialCipher(CredentialKeys keys) {
        this.keys = keys;
    }

    /** The id of the key that seals now. */
    public String currentKeyId() {
        return keys.current().id();
    }

    public Sealed seal(Map<String, String> credentials, String associatedData) {
        CredentialKeys.Key key = keys.current();
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(credentials));
            return new Sealed(key.id(), ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            // The message of these never holds the plaintext; the cause is dropped all the same.
            throw new IllegalStateException("Channel credentials could not be encrypted: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Opens what the key {@code keyId} sealed. {@code keyId} null: sealed before key ids were stored, so every
     * configured key is tried.
     */
    public Map<String, String> open(byte[] stored, String keyId, String associatedData) {
        if (keyId == null) {
            for (CredentialKeys.Key key : keys.all()) {
                try {
                    return open(stored, key, associatedData);
                } catch (IllegalStateException wrongKey) {
                    // try the next one
                }
            }
            throw new IllegalStateException("Channel credentials do not open with any configured key, or were moved");
        }
        CredentialKeys.Key key = keys.byId(keyId).orElseThrow(() -> new IllegalStateException(
                "Channel credentials were sealed with the key " + keyId + ", which is not configured any more"));
        return open(stored, key, associatedData);
    }

    private Map<String, String> open(byte[] stored, CredentialKeys.Key key, String associatedData) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return json.readValue(plain, new TypeReference<Map<String, String>>() { });
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("Channel credentials do not open with the key " + key.id() + ", or were moved");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Channel credentials could not be decrypted: " + e.getClass().getSimpleName());
        }
    }
}
