package org.followthrough.email.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTests {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dataDir;

    @Test
    void whatIsSealedOpensAgain() {
        var box = new SecretBox(KEY, dataDir);

        var sealed = box.encrypt("correct horse battery staple ✓");

        assertThat(sealed).startsWith("v1:").doesNotContain("horse");
        assertThat(box.decrypt(sealed)).isEqualTo("correct horse battery staple ✓");
    }

    @Test
    void theSameSecretSealsDifferentlyEachTime() {
        var box = new SecretBox(KEY, dataDir);

        assertThat(box.encrypt("hunter2")).isNotEqualTo(box.encrypt("hunter2"));
    }

    @Test
    void anEmptySecretStaysEmpty() {
        var box = new SecretBox(KEY, dataDir);

        assertThat(box.encrypt("")).isEmpty();
        assertThat(box.decrypt("")).isEmpty();
        assertThat(box.encrypt(null)).isEmpty();
    }

    @Test
    void alteredTextIsRefused() {
        var box = new SecretBox(KEY, dataDir);
        var bytes = Base64.getDecoder().decode(box.encrypt("hunter2").substring(3));
        bytes[bytes.length - 1] ^= 1;
        var tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> box.decrypt(tampered)).isInstanceOf(SecretBox.CannotDecrypt.class);
        assertThatThrownBy(() -> box.decrypt("v1:not base64!")).isInstanceOf(SecretBox.CannotDecrypt.class);
        assertThatThrownBy(() -> box.decrypt("hunter2")).isInstanceOf(SecretBox.CannotDecrypt.class);
    }

    @Test
    void anotherKeyIsRefusedWithAMessageThatSaysWhy() {
        var sealed = new SecretBox(KEY, dataDir).encrypt("hunter2");
        var other = new SecretBox("a passphrase rather than a key", dataDir);

        assertThatThrownBy(() -> other.decrypt(sealed))
                .isInstanceOf(SecretBox.CannotDecrypt.class)
                .hasMessage("cannot decrypt: was FOLLOWTHROUGH_SECRET_KEY changed?");
    }

    @Test
    void aPassphraseGivesTheSameKeyEveryTime() {
        var sealed = new SecretBox("a passphrase rather than a key", dataDir).encrypt("hunter2");

        assertThat(new SecretBox("a passphrase rather than a key", dataDir).decrypt(sealed))
                .isEqualTo("hunter2");
        assertThat(Files.exists(dataDir.resolve("secret.key"))).isFalse();
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceIntoTheDataDirectoryAndReused() throws Exception {
        var dir = dataDir.resolve("nested/data");
        var first = new SecretBox("", dir);
        var file = dir.resolve("secret.key");
        var written = Files.readString(file);
        var sealed = first.encrypt("hunter2");

        var second = new SecretBox(null, dir);

        assertThat(second.decrypt(sealed)).isEqualTo("hunter2");
        assertThat(Files.readString(file)).isEqualTo(written);
        assertThat(Base64.getDecoder().decode(written.strip())).hasSize(32);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        assertThatThrownBy(() -> new SecretBox("", dataDir.resolve("elsewhere")).decrypt(sealed))
                .hasMessageContaining("FOLLOWTHROUGH_SECRET_KEY");
    }

    @Test
    void aDamagedKeyFileStopsTheStartRatherThanMakingANewKey() throws Exception {
        Files.writeString(dataDir.resolve("secret.key"), "not a key");

        assertThatThrownBy(() -> new SecretBox("", dataDir)).hasMessageContaining("secret.key");
    }

    @Test
    void itsTextNamesNoKey() {
        assertThat(new SecretBox(KEY, dataDir).toString()).doesNotContain(KEY);
    }
}
