package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Section 1: the machine, the JDK and every setting of the run, from environment.json. */
final class EnvironmentSection implements Section {

    private static final double BYTES_PER_GIB = 1024.0 * 1024.0 * 1024.0;

    /** Fields of environment.json in the order the table lists them, with their labels. */
    private static final List<String[]> FIELDS =
            List.of(
                    new String[] {"date", "date (UTC)"},
                    new String[] {"gitCommit", "git commit"},
                    new String[] {"cpuModel", "CPU model"},
                    new String[] {"cores", "cores"},
                    new String[] {"memoryBytes", "memory"},
                    new String[] {"os", "OS"},
                    new String[] {"kernel", "kernel"},
                    new String[] {"jdk", "servers' JDK"},
                    new String[] {"loadgenJdk", "loadgen JDK"},
                    new String[] {"cost", "bcrypt cost"},
                    new String[] {"jettyMaxThreads", "Jetty max threads"},
                    new String[] {"hashPoolSize", "hash pool size (offloaded)"},
                    new String[] {"hashQueueCapacity", "hash queue capacity (offloaded)"},
                    new String[] {"database", "database"},
                    new String[] {"profile", "profile"},
                    new String[] {"loadgen", "loadgen settings"});

    @Override
    public String title() {
        return "Environment";
    }

    @Override
    public void write(ReportContext context, SectionOutput out) {
        JsonNode environment = context.environment();
        if (environment.isMissingNode()) {
            String problem = context.fileProblem("environment.json");
            out.missing(
                    problem != null
                            ? problem
                            : "environment.json has no value in " + context.resultsDir());
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (String[] field : FIELDS) {
            JsonNode value = environment.path(field[0]);
            if (value.isMissingNode() || value.isNull()) {
                out.missing("environment.json has no `" + field[0] + "`");
                rows.add(List.of(field[1], Format.MISSING));
            } else {
                rows.add(List.of(field[1], describe(field[0], value)));
            }
        }
        out.plainTable(
                "Machine and settings, shared by both servers", List.of("item", "value"), rows);
        out.paragraph(
                "Both servers ran one after the other on this machine with these settings and a"
                        + " fresh database each; the load generator ran on the same machine, so"
                        + " it competes with the server for the same cores.");
        out.values().set("environment", environment);
    }

    private static String describe(String field, JsonNode value) {
        if (field.equals("memoryBytes") && value.isNumber()) {
            return String.format(Locale.ROOT, "%.1f GiB", value.asDouble() / BYTES_PER_GIB);
        }
        if (value.isContainerNode()) {
            return "`" + value.toString().replace("|", "\\|") + "`";
        }
        return value.asText().replace("\n", " ").replace("|", "\\|");
    }
}
