package io.kogu.content.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Seals channel credentials with AES-256-GCM: a fresh 96-bit nonce per encryption (stored in front of the
 * ciphertext), a 128-bit tag, and associated data that binds the ciphertext to its row. Nothing here logs a
 * credential, a key or a plaintext.
 */
@ApplicationScoped
@Startup
public class CredentialCipher {

    private static final Logger LOG = Logger.getLogger(CredentialCipher.class);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();

    public CredentialCipher(CredentialsConfig config) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(config.key());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("kogu.content.credentials.key is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("kogu.content.credentials.key must be 32 bytes (AES-256), base64-encoded");
        }
        this.key = new SecretKeySpec(raw, "AES");
        if (CredentialsConfig.DEVELOPMENT_KEY.equals(config.key()) && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("Channel credentials are encrypted with the public development key; "
                    + "set KOGU_CONTENT_CREDENTIALS_KEY in production");
        }
    }

    public byte[] seal(Map<String, String> credentials, String associatedData) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(credentials));
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException | JsonProcessingException e) {
            // The message of these never holds the plaintext; the cause is dropped all the same.
            throw new IllegalStateException("Channel credentials could not be encrypted: " + e.getClass().getSimpleName());
        }
    }

    public Map<String, String> open(byte[] stored, String associatedData) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return json.readValue(plain, new TypeReference<Map<String, String>>() { });
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("Channel credentials do not open with the configured key, or were moved");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Channel credentials could not be decrypted: " + e.getClass().getSimpleName());
        }
    }
}
