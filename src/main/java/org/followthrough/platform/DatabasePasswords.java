package org.followthrough.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The generated passwords of the embedded PostgreSQL's two roles, kept in the data directory in
 * PostgreSQL's own password-file format (mode 0600), so {@code PGPASSFILE=data/pgpass psql -h
 * localhost -p PORT -U followthrough} works for an operator and nothing needs typing.
 */
record DatabasePasswords(String superuser, String app) {

    static final String SUPERUSER = "postgres";
    static final String APP = "followthrough";

    private static final SecureRandom random = new SecureRandom();

    /** The passwords kept in {@code file}, or none when it does not exist yet. */
    static Optional<DatabasePasswords> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            var byUser = new LinkedHashMap<String, String>();
            for (var line : Files.readAllLines(file)) {
                var fields = line.split(":", 5);
                if (!line.startsWith("#") && fields.length == 5) {
                    byUser.put(fields[3], fields[4]);
                }
            }
            if (!byUser.containsKey(SUPERUSER) || !byUser.containsKey(APP)) {
                return Optional.empty();
            }
            return Optional.of(new DatabasePasswords(byUser.get(SUPERUSER), byUser.get(APP)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the database passwords in " + file, e);
        }
    }

    static DatabasePasswords generate() {
        return new DatabasePasswords(newPassword(), newPassword());
    }

    /** Writes the file readable by this user alone, replacing it in one step. */
    void write(Path file) {
        var lines = new StringBuilder("# Passwords of the embedded PostgreSQL; keep this file with the data.\n");
        for (var user : Map.of(SUPERUSER, superuser, APP, app).entrySet()) {
            lines.append("localhost:*:*:")
                    .append(user.getKey())
                    .append(':')
                    .append(user.getValue())
                    .append('\n');
        }
        try {
            var partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            Files.createFile(
                    partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, lines);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the database passwords to " + file, e);
        }
    }

    /** Hex, so it needs no quoting in SQL or in the password file. */
    private static String newPassword() {
        var bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "DatabasePasswords[hidden]";
    }
}
