package lab.bcrypt.loadgen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads the facts of {@code environment.json}: machine, JDKs and git commit. */
final class Environment {
    private static final long COMMAND_TIMEOUT_SECONDS = 20;

    private Environment() {}

    /** Reads the machine facts. The caller adds the settings of the run. */
    static ObjectNode describe(String serverJava, Path repositoryDir) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("date", Instant.now().toString());
        node.put(
                "gitCommit",
                firstLine(
                        run(List.of("git", "-C", repositoryDir.toString(), "rev-parse", "HEAD"))));
        node.put("os", osName());
        node.put("kernel", firstLine(read(Path.of("/proc/sys/kernel/osrelease"))));
        node.put("cpuModel", procField("/proc/cpuinfo", "model name"));
        node.put("cores", Runtime.getRuntime().availableProcessors());
        String memKib = procField("/proc/meminfo", "MemTotal");
        node.put(
                "memoryBytes",
                memKib == null ? -1 : Long.parseLong(memKib.split("\\s+")[0]) * 1024);
        node.put("jdk", run(List.of(serverJava, "-version")));
        node.put(
                "loadgenJdk",
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version"));
        return node;
    }

    static ArrayNode intArray(List<Integer> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static String osName() {
        String release = read(Path.of("/etc/os-release"));
        if (release != null) {
            for (String line : release.split("\n")) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    private static String procField(String file, String key) {
        String text = read(Path.of(file));
        if (text == null) {
            return null;
        }
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstLine(String text) {
        return text == null ? null : text.strip().split("\n")[0];
    }

    /** Runs a short command and returns its combined output, or null if it failed. */
    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            return output.strip();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
