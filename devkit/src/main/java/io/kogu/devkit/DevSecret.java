package io.kogu.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** A random secret of a local run (base64 of 32 bytes), kept in a file: made on first use, read afterwards. */
public final class DevSecret {

    /** The idempotency store's HMAC key ({@code KOGU_IDEMPOTENCY_HMAC_KEY}). */
    public static final String IDEMPOTENCY_HMAC_FILE = "idempotency-hmac.key";

    /** The key that encrypts webhook endpoints' signing secrets ({@code KOGU_WEBHOOKS_SECRET_KEY}). */
    public static final String WEBHOOKS_SECRET_KEY_FILE = "webhooks-secret.key";

    private DevSecret() {
    }

    public static String inFolder(Path folder, String fileName) {
        Path file = folder.resolve(fileName);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(folder);
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n");
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the folder's own permissions protect the secret.
                }
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write " + file, e);
        }
    }
}
