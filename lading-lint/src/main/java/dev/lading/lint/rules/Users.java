package dev.lading.lint.rules;

import dev.lading.dockerfile.User;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.LintContext;
import java.util.Optional;

/** The USER in force at the end of a stage. */
final class Users {
    private static final java.util.regex.Pattern ZEROS = java.util.regex.Pattern.compile("0+");

    private Users() {
    }

    /** The stage's last USER with its resolved value; empty when the stage has none. */
    static Optional<ResolvedInstruction> last(LintContext.StageView stage) {
        ResolvedInstruction found = null;
        for (ResolvedInstruction ri : stage.instructions()) {
            if (ri.resolved() instanceof User) {
                found = ri;
            }
        }
        return Optional.ofNullable(found);
    }

    static String user(ResolvedInstruction ri) {
        return ((User) ri.resolved()).user().trim();
    }

    /** The user part of {@code user[:group]}. */
    static String name(String userSpec) {
        int colon = userSpec.indexOf(':');
        return colon < 0 ? userSpec : userSpec.substring(0, colon);
    }

    static boolean isRoot(String userSpec) {
        String n = name(userSpec);
        return n.equals("root") || ZEROS.matcher(n).matches();
    }
}
