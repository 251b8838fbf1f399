package dev.lading.dockerfile;

/**
 * A here-document attached to RUN, COPY or ADD.
 *
 * @param word           the word as written on the instruction line, e.g. {@code <<-"EOF"} or {@code 3<<EOF}
 * @param name           the delimiter with quotes removed, e.g. {@code EOF}
 * @param fileDescriptor the number before {@code <<}, 0 when absent (as BuildKit)
 * @param expand         false when any part of the delimiter was quoted: the body is then taken literally
 * @param chomp          true for {@code <<-}: leading tabs are stripped from body lines and the delimiter
 * @param rawContent     the body exactly as read, each line with its line ending, without the delimiter line
 * @param range          from the first body line to the end of the delimiter line
 */
public record Heredoc(String word, String name, int fileDescriptor, boolean expand, boolean chomp,
                      String rawContent, SourceRange range) {

    private static final java.util.regex.Pattern LEADING_TABS = java.util.regex.Pattern.compile("(?m)^\\t+");

    /** The body as BuildKit uses it: leading tabs removed from every line when {@link #chomp()}. */
    public String content() {
        return chomp ? LEADING_TABS.matcher(rawContent).replaceAll("") : rawContent;
    }
}
