package vn.loaxa.dispatch.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Reading, writing and naming Ed25519 keys with the JDK's own provider. */
public final class SigningKeys {
    public static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private SigningKeys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /**
     * The key pair stored in one PEM file holding the PKCS#8 private key and the X.509 public key, as written by
     * {@link #write} or by {@code openssl genpkey -algorithm ed25519 -out k.pem; openssl pkey -in k.pem -pubout >> k.pem}.
     */
    public static KeyPair read(Path pem) {
        try {
            String text = Files.readString(pem);
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(block(text, PRIVATE)));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(block(text, PUBLIC)));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing key " + pem, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "The signing key file " + pem + " must hold an Ed25519 PRIVATE KEY and" + " its PUBLIC KEY in PEM: "
                            + e.getMessage(),
                    e);
        }
    }

    public static void write(KeyPair pair, Path pem) {
        try {
            Files.createDirectories(pem.toAbsolutePath().getParent());
            Files.writeString(
                    pem,
                    pemBlock(PRIVATE, pair.getPrivate().getEncoded())
                            + pemBlock(PUBLIC, pair.getPublic().getEncoded()));
            try {
                Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the folder's permissions apply
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the signing key " + pem, e);
        }
    }

    /** The private key in the form {@link SignedMessage#signedWith(Ed25519PrivateKeyParameters, String, byte[])} takes. */
    public static Ed25519PrivateKeyParameters signingKey(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey edec) || edec.getBytes().isEmpty()) {
            throw new IllegalArgumentException("Not an Ed25519 private key with its bytes: " + key.getAlgorithm());
        }
        return new Ed25519PrivateKeyParameters(edec.getBytes().get(), 0);
    }

    /** Base64 of the X.509 SubjectPublicKeyInfo: what agents are given to trust. */
    public static String encodePublic(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static PublicKey decodePublic(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a base64 X.509 Ed25519 public key", e);
        }
    }

    /** A short, stable name of a public key: the first 8 bytes of the SHA-256 of its encoding, in hex. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] block(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf("-----END " + type + "-----");
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + type + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static String pemBlock(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
