package org.followthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.followthrough.platform.Tables;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The SQL side of the module boundaries (ADR 017), which the Java side ({@link ModularityTests})
 * cannot see: a column renamed in one module must not break another's query at run time.
 */
@IntegrationTest
class SqlBoundaryIntegrationTests {

    private static final Path SOURCES = Path.of("src/main/java/org/followthrough");

    /** Where SQL names a table: the word after these keywords, inside the string literals of a class. */
    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(from|join|into|update|delete\\s+from|truncate(?:\\s+table)?)\\s+([a-z_][a-z0-9_]*)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern WRITE = Pattern.compile("into|update|delete.*|truncate.*", Pattern.CASE_INSENSITIVE);

    /** Text blocks and ordinary string literals. */
    private static final Pattern LITERAL =
            Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

    private final Map<String, Tables> declarations = new TreeMap<>();

    @Autowired
    JdbcClient db;

    SqlBoundaryIntegrationTests() {
        for (var module : ApplicationModules.of(FollowthroughApplication.class)) {
            var tables = packageInfo(module.getBasePackage().getName()).getAnnotation(Tables.class);
            if (tables != null) {
                declarations.put(module.getIdentifier().toString(), tables);
            }
        }
    }

    private static Class<?> packageInfo(String packageName) {
        try {
            return Class.forName(packageName + ".package-info");
        } catch (ClassNotFoundException e) {
            throw new AssertionError("Every module says what it is for in a package-info.java: " + packageName, e);
        }
    }

    @Test
    void everyTableAndViewInTheDatabaseHasExactlyOneOwningModule() {
        var inDatabase = new TreeSet<>(db.sql("""
                        select table_name from information_schema.tables where table_schema = current_schema()""").query(String.class).list());
        var owners = new TreeMap<String, List<String>>();
        declarations.forEach((module, tables) -> {
            for (var table : tables.owns()) {
                owners.computeIfAbsent(table, t -> new ArrayList<>()).add(module);
            }
        });
        assertThat(inDatabase)
                .as("Tables and views no module owns: add them to @Tables(owns = ...) on the owner's package-info.java")
                .isSubsetOf(owners.keySet());
        assertThat(owners.keySet())
                .as("Declared in @Tables but not in the database")
                .isSubsetOf(inDatabase);
        assertThat(owners.entrySet().stream()
                        .filter(e -> e.getValue().size() > 1)
                        .map(Map.Entry::getKey))
                .as("Owned by more than one module")
                .isEmpty();
        declarations.forEach((module, tables) -> assertThat(Set.of(tables.owns()))
                .as("%s publishes only what it owns", module)
                .containsAll(List.of(tables.publishes())));
    }

    @Test
    void aModulesSqlNamesOnlyItsOwnTablesAndReadsOnlyViewsOthersPublish() throws IOException {
        var owner = new TreeMap<String, String>();
        var published = new TreeSet<String>();
        declarations.forEach((module, tables) -> {
            for (var table : tables.owns()) {
                owner.put(table, module);
            }
            published.addAll(List.of(tables.publishes()));
        });
        var violations = new TreeSet<String>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var module = SOURCES.relativize(file).getName(0).toString();
                var literals = LITERAL.matcher(Files.readString(file));
                while (literals.find()) {
                    var text = literals.group(1) != null ? literals.group(1) : literals.group(2);
                    var references = REFERENCE.matcher(text);
                    while (references.find()) {
                        var table = references.group(2).toLowerCase();
                        var ownedBy = owner.get(table);
                        if (ownedBy == null || ownedBy.equals(module)) {
                            continue;
                        }
                        boolean write = WRITE.matcher(references.group(1)).matches();
                        if (write || !published.contains(table)) {
                            violations.add("%s (%s) %s %s, owned by %s"
                                    .formatted(
                                            SOURCES.relativize(file),
                                            module,
                                            write ? "writes" : "reads",
                                            table,
                                            ownedBy));
                        }
                    }
                }
            }
        }
        assertThat(violations)
                .as("SQL that crosses a module boundary outside ADR 017: read the owner's published views"
                        + " or call its Java API instead")
                .isEmpty();
    }
}
