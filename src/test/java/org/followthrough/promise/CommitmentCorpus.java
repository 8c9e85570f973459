package org.followthrough.promise;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.followthrough.calendar.BusinessCalendar;

/** The labelled sentences in {@code promise/commitment-corpus.tsv}; columns are described in the docs. */
record CommitmentCorpus(List<Line> lines) {

    static final String CORPUS = "/promise/commitment-corpus.tsv";
    static final String HOLDOUT = "/promise/commitment-holdout.tsv";

    record Line(
            int number,
            boolean commitment,
            String text,
            LocalDateTime writtenAt,
            ZoneId zone,
            LocalDateTime expectedDue,
            Set<LocalDate> holidays,
            String category,
            String domain) {

        BusinessCalendar calendar() {
            return new BusinessCalendar(zone, BusinessCalendar.standard(zone).week(), holidays);
        }
    }

    static CommitmentCorpus load(String resource) {
        try (InputStream in = CommitmentCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            var rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            var lines = new ArrayList<Line>();
            for (int i = 1; i < rows.length; i++) {
                if (rows[i].isBlank()) {
                    continue;
                }
                var cells = rows[i].split("\t", -1);
                if (cells.length != 8) {
                    throw new IllegalStateException("line " + (i + 1) + " has " + cells.length + " columns");
                }
                lines.add(new Line(
                        i + 1,
                        switch (cells[0]) {
                            case "commitment" -> true;
                            case "none" -> false;
                            default -> throw new IllegalStateException("line " + (i + 1) + ": " + cells[0]);
                        },
                        unescape(cells[1]),
                        LocalDateTime.parse(cells[2]),
                        ZoneId.of(cells[3]),
                        cells[4].equals("-") ? null : LocalDateTime.parse(cells[4]),
                        cells[5].equals("-")
                                ? Set.of()
                                : Arrays.stream(cells[5].split(","))
                                        .map(LocalDate::parse)
                                        .collect(Collectors.toUnmodifiableSet()),
                        cells[6],
                        cells[7]));
            }
            return new CommitmentCorpus(List.copyOf(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unescape(String cell) {
        var out = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '\\' && i + 1 < cell.length()) {
                char next = cell.charAt(++i);
                out.append(
                        switch (next) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> next;
                        });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
