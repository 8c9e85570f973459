package org.followthrough.email.mailboxes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.followthrough.platform.FollowthroughProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Seals secrets the app must read back in clear later (mail server passwords), so that the database
 * and its backups never hold them readable. AES-256-GCM with a fresh 96-bit nonce per value; the
 * stored form is {@code "v1:" + base64(nonce + ciphertext + tag)}, and the prefix leaves room for a
 * later scheme. An empty secret stays empty: "no password" needs no sealing.
 *
 * <p>The key comes from {@code followthrough.secret-key} ({@code FOLLOWTHROUGH_SECRET_KEY}): the base64
 * of 32 bytes is used as it is, any other text is stretched with PBKDF2-HMAC-SHA256 (600,000 rounds,
 * the fixed salt {@value #PASSPHRASE_SALT}; fixed so that every node derives the same key). Without
 * it the key is read from {@code <data-dir>/secret.key}, which the first start writes with 32 random
 * bytes. Several nodes must share one key: set the variable for them.
 */
@Component
class SecretBox {

    static final String PASSPHRASE_SALT = "followthrough-secret-box-v1";
    static final String KEY_FILE = "secret.key";

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String PREFIX = "v1:";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int PBKDF2_ROUNDS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    @Autowired
    SecretBox(FollowthroughProperties properties) {
        this(properties.secretKey(), properties.dataDir());
    }

    SecretBox(String configuredKey, Path dataDir) {
        this.key = new SecretKeySpec(
                configuredKey == null || configuredKey.isBlank() ? keyFile(dataDir) : fromText(configuredKey.strip()),
                "AES");
    }

    /** The sealed form of {@code secret}; a different text every time, even for the same secret. */
    public String encrypt(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        try {
            var nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            var cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            var sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt: " + e.getMessage(), e);
        }
    }

    /** The secret {@link #encrypt} sealed; refused if the text was altered or the key is another. */
    public String decrypt(String sealed) {
        if (sealed == null || sealed.isEmpty()) {
            return "";
        }
        if (!sealed.startsWith(PREFIX)) {
            throw new CannotDecrypt("cannot decrypt: this is not a value sealed by Followthrough");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new CannotDecrypt("cannot decrypt: the stored value is damaged");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new CannotDecrypt("cannot decrypt: the stored value is damaged");
        }
        try {
            var cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            var clear = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(clear, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            // The tag cannot tell a changed key from a changed value; a changed key is by far the likelier.
            throw new CannotDecrypt("cannot decrypt: was FOLLOWTHROUGH_SECRET_KEY changed?");
        } catch (GeneralSecurityException e) {
            throw new CannotDecrypt("cannot decrypt: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "SecretBox[key hidden]";
    }

    /** A sealed value that cannot be opened with this key. */
    public static final class CannotDecrypt extends IllegalStateException {

        CannotDecrypt(String message) {
            super(message);
        }
    }

    private static byte[] fromText(String text) {
        try {
            var decoded = Base64.getDecoder().decode(text);
            if (decoded.length == KEY_BYTES) {
                return decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // a passphrase, stretched below
        }
        try {
            var spec = new PBEKeySpec(
                    text.toCharArray(), PASSPHRASE_SALT.getBytes(StandardCharsets.UTF_8), PBKDF2_ROUNDS, KEY_BYTES * 8);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(spec)
                        .getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive a key from FOLLOWTHROUGH_SECRET_KEY: " + e.getMessage(), e);
        }
    }

    private static byte[] keyFile(Path dataDir) {
        var file = dataDir.resolve(KEY_FILE).toAbsolutePath().normalize();
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(file.getParent());
            var bytes = new byte[KEY_BYTES];
            RANDOM.nextBytes(bytes);
            try {
                write(file, Base64.getEncoder().encodeToString(bytes) + "\n");
            } catch (FileAlreadyExistsException raced) {
                return read(file);
            }
            log.info(
                    "Generated the key that seals stored mail passwords in {}; back it up with the database,"
                            + " or set FOLLOWTHROUGH_SECRET_KEY instead",
                    file);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file " + file, e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        var text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            var bytes = Base64.getDecoder().decode(text);
            if (bytes.length == KEY_BYTES) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalStateException(
                "the secret key file " + file + " does not hold the base64 of 32 bytes; restore it from a backup");
    }

    /** Creates the file readable by its owner only, where the file system knows such permissions. */
    private static void write(Path file, String content) throws IOException {
        var bytes = content.getBytes(StandardCharsets.US_ASCII);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }
}
