package io.kogu.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The development token issuer's RSA key pair, kept as PEM files in a folder: made on first use, read
 * afterwards. The services verify with the public file; {@link DevTokens} signs with the private one.
 */
public final class SigningKey {

    public static final String PRIVATE_FILE = "jwt-private.pem";
    public static final String PUBLIC_FILE = "jwt-public.pem";

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private SigningKey(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** The key pair in {@code folder}, made there first if it is not yet. */
    public static SigningKey inFolder(Path folder) {
        Path privateFile = folder.resolve(PRIVATE_FILE);
        Path publicFile = folder.resolve(PUBLIC_FILE);
        try {
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                Files.createDirectories(folder);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                writePem(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded());
                writePem(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded());
                try {
                    Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the folder's own permissions protect the key.
                }
            }
            byte[] der = readPem(privateFile);
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new SigningKey(privateKey, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the signing key in " + folder, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The signing key in " + folder + " is not an RSA key", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The PEM file of the public key, for {@code mp.jwt.verify.publickey.location}. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public PublicKey publicKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(readPem(publicKeyFile)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private static byte[] readPem(Path file) throws IOException {
        String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(pem);
    }
}
