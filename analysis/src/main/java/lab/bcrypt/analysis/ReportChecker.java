package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Checks a written report: all ten sections complete for both servers, and every chart that the
 * report lists or links present as a PNG that decodes.
 */
final class ReportChecker {

    static final int EXPECTED_SECTIONS = 10;

    /** The eight bytes every PNG file starts with (PNG specification, section 5.2). */
    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
    };

    /** Chart files every complete report has, besides one per burst level. */
    private static final List<String> REQUIRED_CHARTS =
            List.of("charts/register-percentiles.png", "charts/health-percentile-spectrum.png");

    private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportChecker() {}

    /** Returns every problem found; an empty list means the report passes. */
    static List<String> check(Path resultsDir) {
        List<String> problems = new ArrayList<>();
        try {
            checkReport(resultsDir, problems);
        } catch (IOException e) {
            problems.add(
                    "cannot read the report in "
                            + resultsDir
                            + ": "
                            + ResultsFileException.describe(e)
                            + "; run `analysis report "
                            + resultsDir
                            + "` again");
        }
        return problems;
    }

    private static void checkReport(Path resultsDir, List<String> problems) throws IOException {
        Path json = resultsDir.resolve(ReportGenerator.REPORT_JSON);
        Path markdown = resultsDir.resolve(ReportGenerator.REPORT_MD);
        if (!Files.isRegularFile(json) || !Files.isRegularFile(markdown)) {
            problems.add(
                    "report.md or report.json not found in "
                            + resultsDir
                            + "; run `analysis report "
                            + resultsDir
                            + "` first");
            return;
        }
        JsonNode report = JSON.readTree(json.toFile());
        JsonNode runStatus = report.path("runStatus");
        if (runStatus.isTextual()) {
            problems.add(
                    "the run did not complete: its RUN_STATUS says "
                            + String.join("; ", runStatus.asText().lines().toList()));
        }
        checkSections(report.path("sections"), problems);
        List<String> charts = new ArrayList<>();
        report.path("charts").forEach(c -> charts.add(c.asText()));
        charts.addAll(linkedImages(Files.readString(markdown)));
        for (String required : REQUIRED_CHARTS) {
            if (!charts.contains(required)) {
                problems.add("chart missing from the report: " + required);
            }
        }
        for (String chart : charts.stream().distinct().toList()) {
            checkPng(resultsDir.resolve(chart), problems);
        }
    }

    private static void checkSections(JsonNode sections, List<String> problems) {
        if (sections.size() != EXPECTED_SECTIONS) {
            problems.add(
                    "report.json has "
                            + sections.size()
                            + " sections, expected "
                            + EXPECTED_SECTIONS);
        }
        for (JsonNode section : sections) {
            if (section.path("complete").asBoolean(false)) {
                continue;
            }
            String name =
                    "section "
                            + section.path("number").asInt()
                            + " ("
                            + section.path("title").asText()
                            + ")";
            for (JsonNode missing : section.path("missing")) {
                problems.add(name + " is missing data: " + missing.asText());
            }
            if (section.path("missing").isEmpty()) {
                problems.add(name + " is marked incomplete");
            }
        }
    }

    private static List<String> linkedImages(String markdown) {
        List<String> images = new ArrayList<>();
        Matcher matcher = MARKDOWN_IMAGE.matcher(markdown);
        while (matcher.find()) {
            images.add(matcher.group(1));
        }
        return images;
    }

    private static void checkPng(Path file, List<String> problems) throws IOException {
        if (!Files.isRegularFile(file)) {
            problems.add("chart file not found: " + file);
            return;
        }
        byte[] head = new byte[PNG_SIGNATURE.length];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) != head.length
                    || !Arrays.equals(head, PNG_SIGNATURE)) {
                problems.add("chart is not a PNG file (bad signature): " + file);
                return;
            }
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            image = null;
        }
        if (image == null || image.getWidth() == 0 || image.getHeight() == 0) {
            problems.add("chart does not decode as an image: " + file);
        }
    }
}
