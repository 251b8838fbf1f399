package dev.lading.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a parsed Dockerfile back as canonical Dockerfile text: directives, a blank line, then each
 * instruction on one line (continuations joined, single spaces between flags and arguments) preceded by its
 * comments and followed by its heredoc bodies. Parsing the output gives the same instructions, flags,
 * arguments, heredocs, comments and directives; only positions and the {@code original} text change.
 */
public final class DockerfilePrinter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerfilePrinter() {
    }

    public static String print(Dockerfile dockerfile) {
        StringBuilder out = new StringBuilder();
        for (Directive d : dockerfile.directives()) {
            out.append("# ").append(d.name()).append('=').append(d.value()).append('\n');
        }
        // a blank line ends the directive section, so a comment can never be mistaken for a directive
        out.append('\n');
        for (Instruction ins : dockerfile.instructions()) {
            for (Comment c : ins.comments()) {
                out.append('#');
                if (!c.text().isEmpty()) {
                    out.append(' ').append(c.text());
                }
                out.append('\n');
            }
            out.append(line(ins)).append('\n');
            for (Heredoc h : heredocs(ins)) {
                out.append(h.rawContent()).append(h.name()).append('\n');
            }
        }
        return out.toString();
    }

    /** One instruction as a single canonical line (heredoc bodies not included). */
    public static String line(Instruction ins) {
        StringBuilder b = new StringBuilder(ins.source().keyword());
        for (Flag f : ins.flags()) {
            b.append(' ').append("--").append(escapeFlagValue(f.name()));
            f.value().ifPresent(v -> b.append('=').append(escapeFlagValue(v)));
        }
        String args = arguments(ins);
        if (!args.isEmpty()) {
            b.append(' ');
            if (args.startsWith("--")) {
                b.append("-- "); // keeps an argument that looks like a flag from being read as one
            }
            b.append(args);
        }
        return b.toString();
    }

    private static String arguments(Instruction ins) {
        return switch (ins) {
            case From f -> f.image() + f.name().map(n -> " AS " + n).orElse("");
            case Run r -> command(r.command());
            case Cmd c -> c.command().map(DockerfilePrinter::command).orElse("");
            case Entrypoint e -> e.command().map(DockerfilePrinter::command).orElse("");
            case Shell s -> json(s.shell());
            case Env e -> pairs(e.pairs());
            case Label l -> pairs(l.pairs());
            case Arg a -> String.join(" ", a.declarations().stream()
                    .map(d -> d.name() + d.defaultValue().map(v -> "=" + v).orElse("")).toList());
            case Add a -> paths(a.sources(), a.destination(), a.json());
            case Copy c -> paths(c.sources(), c.destination(), c.json());
            case Volume v -> v.json() ? json(v.paths()) : String.join(" ", v.paths());
            case Expose e -> String.join(" ", e.ports());
            case User u -> u.user();
            case Workdir w -> w.path();
            case StopSignal s -> s.signal();
            case Maintainer m -> m.name();
            case Healthcheck h -> h.command().map(c -> "CMD " + command(c)).orElse("NONE");
            case Onbuild o -> o.expression().lines().findFirst().orElse("");
        };
    }

    private static List<Heredoc> heredocs(Instruction ins) {
        return switch (ins) {
            case Run r -> r.heredocs();
            case Copy c -> c.heredocs();
            case Add a -> a.heredocs();
            case Onbuild o -> o.trigger().map(DockerfilePrinter::heredocs).orElse(List.of());
            default -> List.of();
        };
    }

    private static String command(CommandForm c) {
        return switch (c) {
            case CommandForm.ExecForm e -> json(e.args());
            case CommandForm.ShellForm s -> s.command();
        };
    }

    private static String pairs(List<KeyValue> pairs) {
        if (pairs.size() == 1 && pairs.get(0).legacy()) {
            return pairs.get(0).key() + " " + pairs.get(0).value();
        }
        return String.join(" ", pairs.stream().map(kv -> kv.key() + "=" + kv.value()).toList());
    }

    private static String paths(List<String> sources, String destination, boolean json) {
        List<String> all = new ArrayList<>(sources);
        all.add(destination);
        return json ? json(all) : String.join(" ", all);
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    /** The flag scanner removes quotes and backslashes and stops at white space; escape all of those. */
    private static String escapeFlagValue(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' || c == '"' || c == '\'' || GoText.isSpace(c)) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
