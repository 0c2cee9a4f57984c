package app.goblina.launcher.processes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start one module (api or worker) as its own JVM: its jar plus the runtime classpath its build wrote to
 * {@code target/classpath.txt}, so no fat jar is needed and the launcher does not carry their dependencies.
 *
 * @param module    the module directory name
 * @param mainClass the class to run
 * @param classpath the full classpath
 */
public record ModuleLaunch(String module, String mainClass, String classpath) {

    /** Finds the build output of {@code module}; a clear error when it has not been built. */
    public static ModuleLaunch locate(Path repoRoot, String module, String mainClass) {
        Path target = repoRoot.resolve(module).resolve("target");
        Path jar = target.resolve("goblina-" + module + ".jar");
        Path classpathFile = target.resolve("classpath.txt");
        for (Path required : List.of(jar, classpathFile)) {
            if (!Files.isRegularFile(required)) {
                throw new PlatformStartException("The " + module + " module is not built: " + required
                        + " is missing. Run ./goblina build (or mvn -DskipTests install) first.");
            }
        }
        String dependencies;
        try {
            dependencies = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new PlatformStartException("Cannot read " + classpathFile + ": " + e.getMessage(), e);
        }
        String classpath = dependencies.isEmpty() ? jar.toString() : jar + File.pathSeparator + dependencies;
        return new ModuleLaunch(module, mainClass, classpath);
    }

    /** The command line: {@code java <jvmOptions> -cp <classpath> <mainClass>}. */
    public List<String> command(Path java, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        return command;
    }
}
