package org.followthrough;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import org.followthrough.platform.Backups;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "platform")
public class FollowthroughApplication {

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
            System.exit(maintenance(args));
        }
        SpringApplication.run(FollowthroughApplication.class, args);
    }

    /**
     * {@code backup FILE} and {@code restore FILE}: the embedded database of the data directory in
     * {@code FOLLOWTHROUGH_DATA_DIR} (default {@code ./data}), or {@code --data-dir=PATH}.
     */
    static int maintenance(String[] args) {
        var dataDir = Path.of(System.getenv().getOrDefault("FOLLOWTHROUGH_DATA_DIR", "./data"));
        var files = new ArrayList<String>();
        for (var arg : Arrays.asList(args).subList(1, args.length)) {
            if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else {
                files.add(arg);
            }
        }
        if (files.size() != 1) {
            System.err.println("Usage: java -jar followthrough.jar " + args[0] + " FILE [--data-dir=PATH]");
            return 2;
        }
        var file = Path.of(files.getFirst());
        try {
            var summary = args[0].equals("backup") ? Backups.backup(dataDir, file) : Backups.restore(file, dataDir);
            long rows = summary.rowsByTable().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            System.out.printf(
                    "%s %s: %d tables, %d rows, schema version %s, taken at %s%n",
                    args[0].equals("backup") ? "Backed up " + dataDir.toAbsolutePath() + " into" : "Restored",
                    args[0].equals("backup")
                            ? file.toAbsolutePath()
                            : file.toAbsolutePath() + " into " + dataDir.toAbsolutePath(),
                    summary.rowsByTable().size(),
                    rows,
                    summary.schemaVersion(),
                    summary.takenAt());
            return 0;
        } catch (RuntimeException e) {
            System.err.println(args[0] + " failed: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            return 1;
        }
    }
}
