package dev.lading.lint;

import dev.lading.dockerfile.Comment;
import dev.lading.dockerfile.Directive;
import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.Instruction;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline control read from the Dockerfile itself.
 *
 * <ul>
 *   <li>{@code # lading ignore=LD004,DL3008} or {@code # hadolint ignore=DL3008} in the comment lines
 *       directly before an instruction: those rules say nothing about that instruction.</li>
 *   <li>{@code # hadolint global ignore=…} (or {@code # lading global ignore=…}) anywhere: not for this file.</li>
 *   <li>BuildKit's {@code # check=skip=A,B;error=true} directive: {@code skip} ignores those checks
 *       ({@code all} ignores every BuildKit-named check), {@code error=true} makes them errors, and
 *       {@code experimental=A} (or {@code all}) runs BuildKit's experimental checks, which are off by default
 *       ({@link #experimentalChecks}).</li>
 * </ul>
 *
 * @param global       rule IDs ignored in the whole file
 * @param byLine       1-based line → rule IDs ignored for the instruction covering that line
 * @param skipChecks   BuildKit check names skipped by the check directive ({@code all} for every one)
 * @param checksAreErrors {@code error=true} of the check directive
 */
public record Pragmas(Set<String> global, Map<Integer, Set<String>> byLine, Set<String> skipChecks,
                      boolean checksAreErrors) {

    private static final Pattern PRAGMA =
            Pattern.compile("(?i)^(lading|hadolint)\\s+(global\\s+)?ignore\\s*=\\s*([A-Za-z0-9_,\\s-]+)$");

    public Pragmas {
        global = Set.copyOf(global);
        byLine = Map.copyOf(byLine);
        skipChecks = Set.copyOf(skipChecks);
    }

    public static Pragmas of(Dockerfile df) {
        Set<String> global = new LinkedHashSet<>();
        for (Comment c : df.comments()) {
            Matcher m = PRAGMA.matcher(c.text().trim());
            if (m.matches() && m.group(2) != null) {
                global.addAll(ids(m.group(3)));
            }
        }
        Map<Integer, Set<String>> byLine = new HashMap<>();
        for (Instruction ins : df.instructions()) {
            Set<String> ids = new LinkedHashSet<>();
            for (Comment c : ins.comments()) {
                Matcher m = PRAGMA.matcher(c.text().trim());
                if (m.matches() && m.group(2) == null) {
                    ids.addAll(ids(m.group(3)));
                }
            }
            if (!ids.isEmpty()) {
                for (int l = ins.range().start().line(); l <= ins.range().end().line(); l++) {
                    byLine.computeIfAbsent(l, k -> new LinkedHashSet<>()).addAll(ids);
                }
            }
        }
        Set<String> skip = new LinkedHashSet<>();
        boolean error = false;
        for (Directive d : df.directives()) {
            if (!d.name().equals("check")) {
                continue;
            }
            for (String part : d.value().split(";")) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2) {
                    continue;
                }
                String key = kv[0].trim().toLowerCase(Locale.ROOT);
                if (key.equals("skip")) {
                    skip.addAll(ids(kv[1]));
                } else if (key.equals("error")) {
                    error = Boolean.parseBoolean(kv[1].trim());
                }
            }
        }
        return new Pragmas(global, byLine, skip, error);
    }

    /**
     * The check names the {@code experimental=} key of BuildKit's check directive turns on ({@code all} for
     * every one), as in {@code # check=experimental=InvalidDefinitionDescription}.
     */
    public static Set<String> experimentalChecks(Dockerfile df) {
        Set<String> on = new LinkedHashSet<>();
        for (Directive d : df.directives()) {
            if (!d.name().equals("check")) {
                continue;
            }
            for (String part : d.value().split(";")) {
                String[] kv = part.split("=", 2);
                if (kv.length == 2 && kv[0].trim().toLowerCase(Locale.ROOT).equals("experimental")) {
                    on.addAll(ids(kv[1]));
                }
            }
        }
        return on;
    }

    /**
     * The pragmas of a YAML file (a compose file): {@code # lading ignore=RT001} in the comment lines directly
     * above a key covers that key and everything under it ({@code spanEnd} gives the last line of a key's
     * value); {@code # lading global ignore=…} anywhere covers the file. BuildKit's check directive is a
     * Dockerfile thing and has no YAML form.
     */
    public static Pragmas ofYaml(String text, java.util.function.IntUnaryOperator spanEnd) {
        String[] lines = text.split("\\r?\\n", -1);
        Set<String> global = new LinkedHashSet<>();
        Map<Integer, Set<String>> byLine = new HashMap<>();
        Set<String> pending = new LinkedHashSet<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#")) {
                Matcher m = PRAGMA.matcher(line.substring(1).trim());
                if (m.matches() && m.group(2) != null) {
                    global.addAll(ids(m.group(3)));
                } else if (m.matches()) {
                    pending.addAll(ids(m.group(3)));
                }
                continue;
            }
            if (!pending.isEmpty() && !line.isEmpty()) {
                int first = i + 1;
                for (int l = first; l <= Math.max(first, spanEnd.applyAsInt(first)); l++) {
                    byLine.computeIfAbsent(l, k -> new LinkedHashSet<>()).addAll(pending);
                }
            }
            pending.clear(); // a blank line or a key ends the comment block the pragma was in
        }
        return new Pragmas(global, byLine, Set.of(), false);
    }

    private static List<String> ids(String list) {
        return List.of(list.split("[,\\s]+")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** True when a finding of {@code ruleId} starting on {@code line} is silenced. */
    public boolean ignores(String ruleId, int line) {
        return global.contains(ruleId) || byLine.getOrDefault(line, Set.of()).contains(ruleId)
                || skipChecks.contains(ruleId) || (skipChecks.contains("all") && isBuildKitCheck(ruleId));
    }

    /** BuildKit names its checks in CamelCase words; lading's and hadolint's IDs are letters and digits. */
    public static boolean isBuildKitCheck(String ruleId) {
        return !NOT_BUILDKIT_ID.matcher(ruleId).matches();
    }

    /** hadolint's (and ShellCheck's) two letters and four digits, lading's LD and RT with three. */
    private static final java.util.regex.Pattern NOT_BUILDKIT_ID =
            java.util.regex.Pattern.compile("[A-Z]{2}[0-9]{4}|LD[0-9]{3}|RT[0-9]{3}");
}
