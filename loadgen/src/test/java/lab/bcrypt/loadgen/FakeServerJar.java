package lab.bcrypt.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes a runnable jar of {@link FakeServerMain} and the {@link StubServer} it needs. */
final class FakeServerJar {
    private static final Class<?>[] CLASSES = {FakeServerMain.class, StubServer.class};

    private FakeServerJar() {}

    static Path write(Path directory) throws IOException {
        Path jar = directory.resolve("fake-server.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes()
                .put(Attributes.Name.MAIN_CLASS, FakeServerMain.class.getName());
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            Path classes =
                    Path.of(
                            FakeServerMain.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .getPath());
            String packagePath = FakeServerMain.class.getPackageName().replace('.', '/');
            try (var files = Files.list(classes.resolve(packagePath))) {
                for (Path classFile : (Iterable<Path>) files::iterator) {
                    if (isNeeded(classFile.getFileName().toString())) {
                        out.putNextEntry(new JarEntry(packagePath + "/" + classFile.getFileName()));
                        try (InputStream in = Files.newInputStream(classFile)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }

    private static boolean isNeeded(String fileName) {
        for (Class<?> type : CLASSES) {
            if (fileName.equals(type.getSimpleName() + ".class")
                    || fileName.startsWith(type.getSimpleName() + "$")) {
                return true;
            }
        }
        return false;
    }
}
