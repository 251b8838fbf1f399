package dev.lading.dockerfile;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.ThrowableAssert;

/** Helpers for the parser tests: parse a text block, or expect a positioned error. */
final class ParserTestSupport {
    private ParserTestSupport() {
    }

    static Dockerfile parse(String text) {
        try {
            return DockerfileParser.parse("Dockerfile", text);
        } catch (DockerfileParseException e) {
            throw new AssertionError("unexpected parse error: " + e.getMessage() + " (" + e.hint() + ")", e);
        }
    }

    static List<Instruction> instructions(String text) {
        return parse(text).instructions();
    }

    @SuppressWarnings("unchecked")
    static <T extends Instruction> T only(String text, Class<T> type) {
        List<Instruction> all = instructions(text);
        Instruction last = all.get(all.size() - 1);
        if (!type.isInstance(last)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + last);
        }
        return (T) last;
    }

    static DockerfileParseException error(String text) {
        try {
            Dockerfile d = DockerfileParser.parse("Dockerfile", text);
            throw new AssertionError("expected a parse error but got " + d.instructions());
        } catch (DockerfileParseException e) {
            return e;
        }
    }

    static void assertThrowsParse(ThrowableAssert.ThrowingCallable c) {
        assertThatThrownBy(c).isInstanceOf(DockerfileParseException.class);
    }
}
