package dev.lading.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void eachCommandIsListedUnderTheNameItsAnnotationGivesIt() {
        for (Map.Entry<String, Class<?>> e : Main.COMMANDS.entrySet()) {
            assertThat(e.getValue().getAnnotation(Command.class).name()).as(e.getValue().getName()).isEqualTo(e.getKey());
        }
        assertThat(Main.full().getSubcommands().keySet()).containsExactlyElementsOf(Main.COMMANDS.keySet());
    }

    @Test
    void everyTopLevelCommandClassIsListed() throws Exception {
        // a new command must not be forgotten: every top-level class of this package with a @Command, but Main
        java.nio.file.Path classes = java.nio.file.Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/lading/cli");
        java.util.List<Class<?>> annotated = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(classes)) {
            for (java.nio.file.Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> c = Class.forName("dev.lading.cli." + name.substring(0, name.length() - ".class".length()));
                    if (c.isAnnotationPresent(Command.class) && c != Main.class) {
                        annotated.add(c);
                    }
                }
            }
        }
        assertThat(annotated).hasSizeGreaterThan(10);
        assertThat(Main.COMMANDS.values()).containsAll(annotated);
    }
}
