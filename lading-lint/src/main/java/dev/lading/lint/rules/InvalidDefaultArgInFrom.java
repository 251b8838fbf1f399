package dev.lading.lint.rules;

import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.ArgDeclaration;
import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.expand.BuildArgs;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BuildKit's InvalidDefaultArgInFrom: with its global ARGs at their defaults (an ARG without default is
 * empty), a FROM must still name a valid image, so the Dockerfile builds without --build-arg. Only FROM lines
 * using plain {@code $NAME}/{@code ${NAME}} references to global ARGs are judged.
 */
public final class InvalidDefaultArgInFrom implements BuildKitCheck {
    private static final Pattern REF = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
            + "(?::[0-9]+)?";
    static final Pattern REFERENCE = Pattern.compile("(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*"
            + "(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?");

    @Override
    public String id() {
        return "InvalidDefaultArgInFrom";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Default value for global ARG results in an empty or invalid base image name";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Map<String, Optional<String>> globals = new HashMap<>();
        for (Instruction i : ctx.dockerfile().instructions()) {
            if (i instanceof From) {
                break;
            }
            if (i instanceof Arg a) {
                for (ArgDeclaration d : a.declarations()) {
                    globals.put(d.name(), d.defaultValue());
                }
            }
        }
        for (LintContext.StageView s : ctx.stages()) {
            From from = s.stage().from();
            String image = from.image();
            if (!image.contains("$") || image.matches(".*\\$\\{[A-Za-z_][A-Za-z0-9_]*[^A-Za-z0-9_}].*")) {
                continue; // no variables, or ${V:-x}-style forms this check does not evaluate
            }
            List<String> empty = new ArrayList<>();
            StringBuilder sb = new StringBuilder();
            Matcher m = REF.matcher(image);
            boolean judgeable = true;
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                if (!globals.containsKey(name) || BuildArgs.AUTOMATIC_ARGS.contains(name)) {
                    judgeable = false;
                    break;
                }
                Optional<String> value = globals.get(name);
                if (value.isEmpty()) {
                    empty.add(name);
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(value.orElse("")));
            }
            if (!judgeable || empty.isEmpty() || image.replaceAll(REF.pattern(), "").contains("$")) {
                continue;
            }
            m.appendTail(sb);
            String result = sb.toString();
            if (!REFERENCE.matcher(result).matches()) {
                findings.report(from, "with ARG " + String.join(", ", empty) + " unset, FROM " + image + " names '"
                        + result + "', which is not a valid image: give " + (empty.size() > 1 ? "them defaults" : "it a default")
                        + ", e.g. ARG " + empty.get(0) + "=<value>");
            }
        }
    }
}
