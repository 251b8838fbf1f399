package dev.lading.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The value of {@code COPY/ADD --chmod}: an octal mode ({@code 0755}) that replaces every copied entry's bits,
 * or a symbolic one ({@code u+x,g-w}, {@code a=r}, {@code +X}: chmod(1)'s grammar, which BuildKit accepts
 * since Dockerfile 1.14) that edits each entry's own bits, so {@code X} and copies such as {@code g=u} depend on
 * the entry. A missing "who" means all of u, g and o; no umask is applied.
 */
final class ChmodSpec {

    private static final int USER = 04700;
    private static final int GROUP = 02070;
    private static final int OTHER = 01007;
    private static final int ALL = 07777;

    /** One operator of a clause: {@code op} is '+', '-' or '='; {@code perms} are letters of rwxXst or one of ugo. */
    private record Action(int who, char op, String perms) {
    }

    private final String text;
    private final Integer octal;
    private final List<Action> actions;

    private ChmodSpec(String text, Integer octal, List<Action> actions) {
        this.text = text;
        this.octal = octal;
        this.actions = actions;
    }

    static Optional<ChmodSpec> parse(Optional<String> value) {
        return value.map(ChmodSpec::parse);
    }

    /** Parses a --chmod value; anything else is a {@link BuildException} that names the value. */
    static ChmodSpec parse(String value) {
        if (value.matches("[0-7]{1,4}")) {
            return new ChmodSpec(value, Integer.parseInt(value, 8), List.of());
        }
        List<Action> actions = new ArrayList<>();
        if (value.isEmpty()) {
            throw invalid(value, "it is empty");
        }
        for (String clause : value.split(",", -1)) {
            int i = 0;
            int who = 0;
            for (; i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0; i++) {
                who |= switch (clause.charAt(i)) {
                    case 'u' -> USER;
                    case 'g' -> GROUP;
                    case 'o' -> OTHER;
                    default -> ALL;
                };
            }
            if (who == 0) {
                who = ALL;
            }
            if (i == clause.length()) {
                throw invalid(value, "'" + clause + "' has no operator (+, - or =)");
            }
            while (i < clause.length()) {
                char op = clause.charAt(i);
                if ("+-=".indexOf(op) < 0) {
                    throw invalid(value, "unexpected '" + op + "' in '" + clause + "'");
                }
                int start = ++i;
                while (i < clause.length() && "+-=".indexOf(clause.charAt(i)) < 0) {
                    i++;
                }
                String perms = clause.substring(start, i);
                boolean copy = perms.length() == 1 && "ugo".indexOf(perms.charAt(0)) >= 0;
                if (!copy && !perms.chars().allMatch(c -> "rwxXst".indexOf(c) >= 0)) {
                    throw invalid(value, "'" + perms + "' in '" + clause + "' is not a set of r, w, x, X, s, t nor one of u, g, o");
                }
                actions.add(new Action(who, op, perms));
            }
        }
        return new ChmodSpec(value, null, List.copyOf(actions));
    }

    private static BuildException invalid(String value, String why) {
        return new BuildException("--chmod=" + value + ": invalid mode (" + why
                + "); use octal like 0755 or symbolic like u+x,g-w");
    }

    /** The bits an entry gets, given its own {@code mode} (07777 bits) and whether it is a directory. */
    int apply(int mode, boolean directory) {
        if (octal != null) {
            return octal;
        }
        int m = mode & 07777;
        for (Action a : actions) {
            int bits = 0;
            if (a.perms().length() == 1 && "ugo".indexOf(a.perms().charAt(0)) >= 0) {
                int shift = switch (a.perms().charAt(0)) {
                    case 'u' -> 6;
                    case 'g' -> 3;
                    default -> 0;
                };
                bits = ((m >> shift) & 7) * 0111;
            } else {
                for (char c : a.perms().toCharArray()) {
                    bits |= switch (c) {
                        case 'r' -> 0444;
                        case 'w' -> 0222;
                        case 'x' -> 0111;
                        // X: search for directories, execute for files something may already execute.
                        case 'X' -> directory || (m & 0111) != 0 ? 0111 : 0;
                        case 's' -> 06000;
                        default -> 01000; // t
                    };
                }
            }
            bits &= a.who();
            m = switch (a.op()) {
                case '+' -> m | bits;
                case '-' -> m & ~bits;
                default -> (m & ~a.who()) | bits;
            };
        }
        return m;
    }

    /** The value as written, for history and cache keys. */
    @Override
    public String toString() {
        return text;
    }
}
