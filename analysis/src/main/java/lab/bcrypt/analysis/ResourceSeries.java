package lab.bcrypt.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code resources.csv} of one experiment: server process and {@code /metrics} samples, every
 * 250 ms. A column the server does not expose is empty and reads as null.
 */
final class ResourceSeries {

    /** One row; every field but {@code tMs} may be null. */
    record Sample(
            double tMs,
            Double cpuPercent,
            Double rssBytes,
            Double threads,
            Double heapUsedBytes,
            Double jettyThreadsBusy,
            Double hashQueued,
            Double hashRejected) {}

    private final List<Sample> samples;

    private ResourceSeries(List<Sample> samples) {
        this.samples = samples;
    }

    List<Sample> samples() {
        return samples;
    }

    /**
     * Reads a resources CSV by its header names; a missing file gives an empty series.
     *
     * @throws ResultsFileException when the file is not UTF-8 text or lacks the header
     */
    static ResourceSeries read(Path file) {
        List<Sample> samples = new ArrayList<>();
        if (file == null || !Files.isRegularFile(file)) {
            return new ResourceSeries(samples);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ResultsFileException(file, "not a UTF-8 CSV file", e);
        }
        if (lines.isEmpty()) {
            return new ResourceSeries(samples);
        }
        List<String> header = Arrays.asList(lines.get(0).trim().split(",", -1));
        if (!header.contains("tMs")) {
            throw new ResultsFileException(
                    file,
                    "its first line is not the resources.csv header",
                    new IllegalArgumentException("no `tMs` column in: " + lines.get(0)));
        }
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            Double tMs = cell(cells, header.indexOf("tMs"));
            if (tMs == null) {
                continue;
            }
            samples.add(
                    new Sample(
                            tMs,
                            cell(cells, header.indexOf("cpuPercent")),
                            cell(cells, header.indexOf("rssBytes")),
                            cell(cells, header.indexOf("threads")),
                            cell(cells, header.indexOf("heapUsedBytes")),
                            cell(cells, header.indexOf("jettyThreadsBusy")),
                            cell(cells, header.indexOf("hashQueued")),
                            cell(cells, header.indexOf("hashRejected"))));
        }
        return new ResourceSeries(samples);
    }

    private static Double cell(String[] cells, int index) {
        if (index < 0 || index >= cells.length || cells[index].isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(cells[index].trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
