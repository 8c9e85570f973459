package org.followthrough.platform;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL programs shipped inside the app (the {@code initdb}, {@code pg_ctl} and
 * {@code postgres} of the bundled binaries), unpacked once per version into a directory only this
 * user can write to.
 *
 * <p>PostgreSQL refuses to run as root. When the app runs as root, as it does in containers, each
 * program is started in a user namespace of its own ({@code unshare -U}), where it is an
 * unprivileged user that owns the data directory.
 */
final class PostgresBinaries {

    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";

    private final Path home;
    private final boolean inUserNamespace;

    private PostgresBinaries(Path home, boolean inUserNamespace) {
        this.home = home;
        this.inUserNamespace = inUserNamespace;
    }

    /** The binaries of this build, unpacked if this is their first use on the machine. */
    static PostgresBinaries unpacked() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")
                || !List.of("amd64", "x86_64").contains(System.getProperty("os.arch"))) {
            throw new IllegalStateException("The embedded PostgreSQL is built for Linux on x86-64; on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                    + " set FOLLOWTHROUGH_DB_URL to a PostgreSQL 14 or newer.");
        }
        try {
            var digest = digestOfArchive();
            var cache = privateDirectory(Path.of(System.getProperty("java.io.tmpdir"))
                    .resolve("followthrough-postgres-" + System.getProperty("user.name", "user")));
            var home = cache.resolve(digest);
            if (!Files.exists(home.resolve("bin/postgres"))) {
                unpackInto(home);
            }
            return new PostgresBinaries(home, isRoot());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the embedded PostgreSQL", e);
        }
    }

    /** The command line that runs one of the programs with these arguments. */
    List<String> command(String program, List<String> arguments) {
        var command = new ArrayList<String>();
        if (inUserNamespace) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(home.resolve("bin").resolve(program).toString());
        command.addAll(arguments);
        return command;
    }

    private static String digestOfArchive() throws IOException {
        try (var archive = archive()) {
            var digest = new DigestInputStream(archive, MessageDigest.getInstance("SHA-256"));
            digest.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.getMessageDigest().digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream archive() {
        var archive = PostgresBinaries.class.getResourceAsStream(ARCHIVE);
        if (archive == null) {
            throw new IllegalStateException("The PostgreSQL binaries (" + ARCHIVE + ") are not on the class path");
        }
        return new BufferedInputStream(archive, 1 << 16);
    }

    /**
     * Unpacks beside the target and renames into place, so a second app starting at the same moment
     * never sees half a PostgreSQL.
     */
    private static void unpackInto(Path home) throws IOException {
        var partial = home.resolveSibling(home.getFileName() + ".partial-" + UUID.randomUUID());
        Files.createDirectories(partial);
        try (var tar = new TarArchiveInputStream(new XZInputStream(archive()))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                var target = partial.resolve(entry.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("Unexpected path in the PostgreSQL archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                }
            }
        }
        try {
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            // Another app unpacked the same version first; theirs is as good as ours.
            deleteRecursively(partial);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        var permissions = EnumSet.noneOf(PosixFilePermission.class);
        var all = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE, highest bit first
        for (int i = 0; i < all.length; i++) {
            if ((mode & (1 << (all.length - 1 - i))) != 0) {
                permissions.add(all[i]);
            }
        }
        // Nobody but this user may change the programs the app will run.
        permissions.remove(PosixFilePermission.GROUP_WRITE);
        permissions.remove(PosixFilePermission.OTHERS_WRITE);
        permissions.add(PosixFilePermission.OWNER_READ);
        permissions.add(PosixFilePermission.OWNER_WRITE);
        return permissions;
    }

    /**
     * A directory of this user's that no one else can write to: another local user who could swap
     * the programs would run code as this user.
     */
    private static Path privateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            try {
                Files.createDirectory(
                        directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException raced) {
                // Made by another app of this user a moment ago; checked below.
            }
        }
        var owner = Files.getOwner(directory);
        var permissions = Files.getPosixFilePermissions(directory);
        if (!owner.getName().equals(System.getProperty("user.name"))) {
            throw new IllegalStateException(directory + " belongs to " + owner.getName()
                    + "; the embedded PostgreSQL will not run programs another user could have changed. "
                    + "Remove it or set java.io.tmpdir elsewhere.");
        }
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
        return directory;
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
