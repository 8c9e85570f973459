package org.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CommitmentDetectorTests {

    private final CommitmentDetector detector = new CommitmentDetector();

    @Test
    void corpusPrecisionRecallAndDueAccuracyStayAboveTheirFloors() {
        score(CommitmentCorpus.CORPUS);
    }

    @Test
    void holdoutPrecisionRecallAndDueAccuracyStayAboveTheirFloors() {
        score(CommitmentCorpus.HOLDOUT);
    }

    private void score(String resource) {
        var corpus = CommitmentCorpus.load(resource);
        int truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0, dueRight = 0;
        var misses = new ArrayList<String>();
        var perCategory = new TreeMap<String, int[]>();
        for (var line : corpus.lines()) {
            var found = detect(line);
            var tally = perCategory.computeIfAbsent(line.category(), k -> new int[2]);
            tally[0]++;
            if (line.commitment() && !found.isEmpty()) {
                truePositives++;
                var due = found.getFirst().dueAt() == null
                        ? null
                        : LocalDateTime.ofInstant(found.getFirst().dueAt(), line.zone())
                                .truncatedTo(ChronoUnit.MINUTES);
                if (java.util.Objects.equals(due, line.expectedDue())) {
                    dueRight++;
                    tally[1]++;
                } else {
                    misses.add("DUE  line %d: expected %s, got %s (%s) | %s"
                            .formatted(
                                    line.number(),
                                    line.expectedDue() == null ? "-" : line.expectedDue(),
                                    due == null ? "-" : due,
                                    found.getFirst().duePhrase(),
                                    line.text().replace("\n", "\\n")));
                }
            } else if (line.commitment()) {
                falseNegatives++;
                misses.add("MISS line %d [%s]: %s"
                        .formatted(line.number(), line.category(), line.text().replace("\n", "\\n")));
            } else if (!found.isEmpty()) {
                falsePositives++;
                misses.add("FP   line %d [%s]: %s -> %s"
                        .formatted(line.number(), line.category(), line.text().replace("\n", "\\n"), found.getFirst()));
            } else {
                trueNegatives++;
                tally[1]++;
            }
        }
        double precision = truePositives / (double) (truePositives + falsePositives);
        double recall = truePositives / (double) (truePositives + falseNegatives);
        double dueAccuracy = dueRight / (double) truePositives;
        System.out.printf(
                Locale.ROOT,
                "%s: %d lines%n"
                        + "                 detected  not detected%n"
                        + "  commitment     %8d  %12d%n"
                        + "  none           %8d  %12d%n"
                        + "precision %.3f  recall %.3f  due accuracy %.3f (%d of %d true positives)%n",
                resource,
                corpus.lines().size(),
                truePositives,
                falseNegatives,
                falsePositives,
                trueNegatives,
                precision,
                recall,
                dueAccuracy,
                dueRight,
                truePositives);
        for (Map.Entry<String, int[]> e : perCategory.entrySet()) {
            System.out.printf(
                    Locale.ROOT, "  %-18s %3d lines, %3d right%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        misses.forEach(System.out::println);

        assertThat(precision).isGreaterThanOrEqualTo(0.90);
        assertThat(recall).isGreaterThanOrEqualTo(0.85);
        assertThat(dueAccuracy).isGreaterThanOrEqualTo(0.85);
    }

    private List<Commitment> detect(CommitmentCorpus.Line line) {
        var zone = line.zone();
        return detector.detect(line.text(), zone, line.writtenAt().atZone(zone).toInstant(), line.calendar());
    }
}
