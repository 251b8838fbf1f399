package dev.lading.lint.rules;

import dev.lading.lint.shell.SimpleCommand;
import dev.lading.lint.shell.Word;

/** How apt-get is told to answer yes and to skip recommended packages. */
final class AptFlags {
    private static final java.util.regex.Pattern DOUBLE_QUIET = java.util.regex.Pattern.compile("-[a-zA-Z]*q[a-zA-Z]*q[a-zA-Z]*");

    private AptFlags() {
    }

    /** {@code -y}, {@code --yes}, {@code --assume-yes}, or {@code -qq} (which implies -y). */
    static boolean assumesYes(SimpleCommand c) {
        return c.hasFlag("-y", "--yes", "--assume-yes", "--force-yes") || c.args().stream()
                .anyMatch(w -> w.resolved() && (w.value().equals("-qq") || DOUBLE_QUIET.matcher(w.value()).matches()))
                || optionSet(c, "APT::Get::Assume-Yes");
    }

    static boolean noRecommends(SimpleCommand c) {
        return c.hasFlag("--no-install-recommends") || optionSet(c, "APT::Install-Recommends", "false", "0");
    }

    private static boolean optionSet(SimpleCommand c, String key, String... falseValues) {
        for (int i = 0; i < c.args().size(); i++) {
            Word w = c.args().get(i);
            String opt = null;
            if (w.value().equals("-o") && i + 1 < c.args().size()) {
                opt = c.args().get(i + 1).value();
            } else if (w.value().startsWith("-o") && w.value().length() > 2) {
                opt = w.value().substring(2);
            } else if (w.value().startsWith("--option=")) {
                opt = w.value().substring(9);
            }
            if (opt != null && opt.regionMatches(true, 0, key + "=", 0, key.length() + 1)) {
                String v = opt.substring(key.length() + 1).toLowerCase(java.util.Locale.ROOT);
                if (falseValues.length == 0) {
                    return v.equals("true") || v.equals("1") || v.equals("yes");
                }
                for (String f : falseValues) {
                    if (v.equals(f)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
