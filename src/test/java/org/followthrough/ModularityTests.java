package org.followthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private static final Path COMMITTED = Path.of("docs/modules");

    /** Set to {@code true} to write the diagrams into {@code docs/modules} instead of comparing. */
    private static final String WRITE = "followthrough.modules.write";

    private final ApplicationModules modules = ApplicationModules.of(FollowthroughApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicFaceAndHaveNoCycles() {
        modules.verify();
    }

    @Test
    void theCommittedModuleDiagramsMatchTheCode() throws IOException {
        var folder = Boolean.getBoolean(WRITE) ? COMMITTED : Path.of("target/modules");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(folder.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        assertThat(diagrams(COMMITTED))
                .as("The module diagrams in docs/modules are out of date. Regenerate and commit them with:"
                        + " ./mvnw test -Dtest=ModularityTests -D" + WRITE + "=true")
                .isEqualTo(diagrams(folder));
    }

    /** Each diagram as its set of lines: the documenter writes the same lines in a varying order. */
    private static Map<String, Set<String>> diagrams(Path folder) throws IOException {
        var diagrams = new TreeMap<String, Set<String>>();
        try (Stream<Path> files = Files.list(folder)) {
            for (var file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                diagrams.put(
                        file.getFileName().toString(),
                        new TreeSet<>(Files.readAllLines(file).stream()
                                .map(String::strip)
                                .filter(line -> !line.isEmpty())
                                .toList()));
            }
        }
        return diagrams;
    }
}
