package dev.lading.lint.shell;

/**
 * One shell word after quote removal and variable substitution.
 *
 * @param value    the text the command will see; when {@code resolved} is false it still holds the literal
 *                 parts, with each unknown expansion kept as written (e.g. {@code curl=$VERSION})
 * @param resolved false when any part came from something the Dockerfile cannot tell: an unset variable, a
 *                 command substitution, a special parameter, a glob. Rules must not judge such a word.
 */
public record Word(String value, boolean resolved) {

    public boolean isFlag() {
        return value.startsWith("-") && value.length() > 1;
    }

    @Override
    public String toString() {
        return resolved ? value : value + "(?)";
    }
}
