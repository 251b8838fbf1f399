package dev.lading.lint.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One simple command: {@code VAR=x name arg…} with redirections left out.
 *
 * @param assignments the {@code NAME=value} words before the command name
 * @param name        the command name; for wrappers ({@code sudo}, {@code env}, {@code exec}, {@code command},
 *                    {@code nohup}, {@code time}) the wrapped command's name, see {@code wrappers}
 * @param args        the arguments after the name, in order
 * @param wrappers    the wrapper commands that were peeled off, outermost first (so DL3004 still sees sudo)
 * @param piped       true when this command is part of a pipeline of two or more commands
 */
public record SimpleCommand(List<Word> assignments, Word name, List<Word> args, List<String> wrappers, boolean piped) {
    public SimpleCommand {
        assignments = List.copyOf(assignments);
        args = List.copyOf(args);
        wrappers = List.copyOf(wrappers);
    }

    /** True when the name is resolved and is one of {@code names} (a path such as /usr/bin/apt-get counts). */
    public boolean is(String... names) {
        if (!name.resolved()) {
            return false;
        }
        String v = name.value();
        int base = v.lastIndexOf('/') + 1; // compared in place: rules ask this of every command of every RUN
        for (String n : names) {
            if (n.length() == v.length() - base && v.startsWith(n, base)) {
                return true;
            }
        }
        return false;
    }

    /** As {@link #is}, for a set of names: one lookup for rules that know many (compilers, shells). */
    public boolean isOneOf(java.util.Set<String> names) {
        if (!name.resolved()) {
            return false;
        }
        String v = name.value();
        return names.contains(v.substring(v.lastIndexOf('/') + 1));
    }

    /** The first argument that is not a flag: the sub-command of {@code apt-get install}, {@code npm ci}… */
    public Optional<Word> subcommand() {
        for (Word w : args) {
            if (!w.isFlag()) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    public boolean hasSubcommand(String... names) {
        Optional<Word> sub = subcommand();
        if (sub.isEmpty() || !sub.get().resolved()) {
            return false;
        }
        for (String n : names) {
            if (n.equals(sub.get().value())) {
                return true;
            }
        }
        return false;
    }

    /** Whether every character after the first ({@code -}) is a letter: a cluster of short flags. */
    private static boolean lettersAfterDash(String v) {
        for (int i = 1; i < v.length(); i++) {
            if (!Character.isLetter((int) v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a flag is given: long flags by exact name or {@code --name=value}; a one-letter short flag
     * also inside a cluster such as {@code -qy}. Only arguments before a lone {@code --} count.
     */
    public boolean hasFlag(String... flags) {
        for (Word w : args) {
            if (!w.resolved()) {
                continue;
            }
            String v = w.value();
            if (v.equals("--")) {
                return false;
            }
            for (String f : flags) {
                if (v.equals(f) || (f.startsWith("--") && v.length() > f.length() && v.charAt(f.length()) == '='
                        && v.startsWith(f))) {
                    return true;
                }
                if (f.length() == 2 && f.charAt(0) == '-' && f.charAt(1) != '-'
                        && v.length() > 2 && v.charAt(0) == '-' && v.charAt(1) != '-'
                        && v.indexOf(f.charAt(1)) > 0 && lettersAfterDash(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when any argument (or the name) could not be resolved. */
    public boolean hasUnresolved() {
        if (!name.resolved()) {
            return true;
        }
        for (Word w : args) {
            if (!w.resolved()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The arguments that are not flags, after the sub-command. {@code optionsWithValue} names the flags
     * that take the next word as their value (e.g. {@code -t} of apt-get), so that value is not taken for
     * an operand.
     */
    public List<Word> operandsAfterSubcommand(Set<String> optionsWithValue) {
        List<Word> out = new ArrayList<>();
        boolean seenSub = false;
        boolean endOfFlags = false;
        for (int i = 0; i < args.size(); i++) {
            Word w = args.get(i);
            if (!endOfFlags && w.resolved() && w.value().equals("--")) {
                endOfFlags = true;
                continue;
            }
            if (!endOfFlags && w.isFlag()) {
                if (w.resolved() && optionsWithValue.contains(w.value())) {
                    i++;
                }
                continue;
            }
            if (!seenSub) {
                seenSub = true;
                continue;
            }
            out.add(w);
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        assignments.forEach(a -> sb.append(a).append(' '));
        sb.append(name);
        args.forEach(a -> sb.append(' ').append(a));
        return sb.toString();
    }
}
