package dev.lading.registry;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of the process environment credential lookup depends on: environment variables and the home directory.
 * Injected so tests never read or write the real ~/.docker or run the real credential helpers.
 */
public record HostEnvironment(Map<String, String> variables, Path home) {

    public HostEnvironment {
        variables = Map.copyOf(variables);
    }

    public static HostEnvironment system() {
        return new HostEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public Optional<String> get(String name) {
        String v = variables.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** Finds an executable on this environment's PATH. */
    public Optional<Path> findExecutable(String name) {
        List<Path> dirs = new ArrayList<>();
        for (String dir : get("PATH").orElse("").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        return dirs.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
    }
}
