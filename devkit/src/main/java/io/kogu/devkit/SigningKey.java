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
 * An RSA key pair kept as PEM files in a folder: made on first use, read afterwards. Two live side by side:
 * the development user token issuer's ({@code jwt-*.pem}: the services verify with the public file,
 * {@link DevTokens} signs with the private one) and the services' own ({@code service-*.pem}, see
 * {@link #servicesIn}: the services sign their background calls with the private file and verify with the public).
 */
public final class SigningKey {

    public static final String PRIVATE_FILE = "jwt-private.pem";
    public static final String PUBLIC_FILE = "jwt-public.pem";
    public static final String SERVICE_PRIVATE_FILE = "service-private.pem";
    public static final String SERVICE_PUBLIC_FILE = "service-public.pem";

    private final PrivateKey privateKey;
    private final Path privateKeyFile;
    private final Path publicKeyFile;

    private SigningKey(PrivateKey privateKey, Path privateKeyFile, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.privateKeyFile = privateKeyFile;
        this.publicKeyFile = publicKeyFile;
    }

    /** The development user token issuer's key pair in {@code folder}, made there first if it is not yet. */
    public static SigningKey inFolder(Path folder) {
        return inFolder(folder, PRIVATE_FILE, PUBLIC_FILE);
    }

    /** The services' own key pair (service tokens) in {@code folder}, made there first if it is not yet. */
    public static SigningKey servicesIn(Path folder) {
        return inFolder(folder, SERVICE_PRIVATE_FILE, SERVICE_PUBLIC_FILE);
    }

    private static SigningKey inFolder(Path folder, String privateName, String publicName) {
        Path privateFile = folder.resolve(privateName);
        Path publicFile = folder.resolve(publicName);
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
            return new SigningKey(privateKey, privateFile, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the signing key in " + folder, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The signing key in " + folder + " is not an RSA key", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The PEM file of the private key (PKCS#8), for a service's {@code kogu.service-tokens.private-key-location}. */
    public Path privateKeyFile() {
        return privateKeyFile;
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
