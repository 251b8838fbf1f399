package dev.lading.lint.shellcheck;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code shellcheck} program. All scripts of one call are written to one temporary directory and passed to
 * a single {@code shellcheck --format=json1} process; each script's {@code #!} line picks its dialect.
 *
 * <p>SC2187 (ash is not supported, checking as dash) and SC1090 (cannot follow a non-constant source) are
 * excluded, as hadolint excludes them: neither can be acted on from a Dockerfile.
 */
public final class ShellCheckProcess implements ShellChecker {
    private static final JsonFactory JSON = new JsonFactory();
    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;

    public ShellCheckProcess(Path executable) {
        this.executable = executable;
    }

    /** {@code shellcheck} from {@code PATH}, when there is one. */
    public static Optional<ShellCheckProcess> onPath() {
        return onPath(System.getenv("PATH"));
    }

    static Optional<ShellCheckProcess> onPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "shellcheck");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new ShellCheckProcess(candidate));
            }
        }
        return Optional.empty();
    }

    public Path executable() {
        return executable;
    }

    /** Scripts per process: keeps the command line well below the system's argument limit. */
    static final int CHUNK = 500;
    /** Fewer scripts than this are not worth a process of their own. */
    static final int MIN_CHUNK = 50;

    /**
     * Each distinct script is checked once (Dockerfiles of one repository repeat their RUN lines, and shellcheck
     * checks every file on its own, so equal text gets equal comments), in chunks that run as parallel
     * {@code shellcheck} processes, one per processor: shellcheck itself is the slow part of a lint that uses it.
     */
    @Override
    public List<Comment> check(List<String> scripts) throws ShellCheckException {
        Map<String, Integer> index = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        List<List<Integer>> copies = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            Integer at = index.putIfAbsent(scripts.get(i), distinct.size());
            if (at == null) {
                distinct.add(scripts.get(i));
                copies.add(new ArrayList<>(List.of(i)));
            } else {
                copies.get(at).add(i);
            }
        }
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        int size = Math.min(CHUNK, Math.max(MIN_CHUNK, (distinct.size() + workers - 1) / workers));
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += size) {
            chunks.add(distinct.subList(from, Math.min(distinct.size(), from + size)));
        }
        List<List<Comment>> found = new ArrayList<>();
        if (chunks.size() <= 1) {
            for (List<String> chunk : chunks) {
                found.add(checkChunk(chunk));
            }
        } else {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(workers, chunks.size()),
                    r -> Thread.ofPlatform().daemon().name("lading-shellcheck").unstarted(r));
            try {
                List<java.util.concurrent.Future<List<Comment>>> futures = new ArrayList<>();
                for (List<String> chunk : chunks) {
                    futures.add(pool.submit(() -> checkChunk(chunk)));
                }
                for (java.util.concurrent.Future<List<Comment>> f : futures) {
                    found.add(f.get());
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof ShellCheckException sce) {
                    throw sce;
                }
                throw new ShellCheckException("shellcheck failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ShellCheckException("interrupted while waiting for shellcheck", e);
            } finally {
                pool.shutdownNow();
            }
        }
        List<Comment> out = new ArrayList<>();
        for (int k = 0; k < found.size(); k++) {
            int offset = k * size;
            for (Comment c : found.get(k)) {
                for (int script : copies.get(c.script() + offset)) {
                    out.add(new Comment(script, c.line(), c.column(), c.endLine(), c.endColumn(), c.level(), c.code(), c.message()));
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(Comment::script));
        return out;
    }

    private List<Comment> checkChunk(List<String> scripts) throws ShellCheckException {
        if (scripts.isEmpty()) {
            return List.of();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("lading-shellcheck");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--format=json1", "--severity=style",
                    "--exclude=SC2187,SC1090", "--norc"));
            Map<String, Integer> byName = new HashMap<>();
            for (int i = 0; i < scripts.size(); i++) {
                String name = "run" + i + ".sh";
                Files.writeString(dir.resolve(name), scripts.get(i), StandardCharsets.UTF_8);
                byName.put(name, i);
                command.add(name);
            }
            Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
            p.getOutputStream().close(); // the scripts are files; shellcheck must not wait for stdin
            // read stderr alongside stdout so a chatty shellcheck cannot block on a full pipe
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = readAll(p.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ShellCheckException("shellcheck did not finish within " + TIMEOUT_SECONDS + " s");
            }
            // 0: nothing found, 1: something found; anything else is shellcheck failing
            if (p.exitValue() > 1) {
                String msg = new String(err.join(), StandardCharsets.UTF_8).strip();
                throw new ShellCheckException("shellcheck exited with " + p.exitValue()
                        + (msg.isEmpty() ? "" : ": " + msg.lines().findFirst().orElse("")));
            }
            return parse(out, byName);
        } catch (IOException e) {
            throw new ShellCheckException("cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShellCheckException("interrupted while waiting for shellcheck", e);
        } finally {
            delete(dir);
        }
    }

    /**
     * Reads shellcheck's json1 report: {@code {"comments": [{"file", "line", "endLine", "column", "endColumn",
     * "level", "code", "message", "fix"}, ...]}}. Streamed with Jackson's parser rather than through a tree:
     * setting up a data-binding mapper cost a default lint ~17 ms before anything was checked.
     */
    static List<Comment> parse(byte[] json, Map<String, Integer> byName) throws ShellCheckException {
        List<Comment> out = new ArrayList<>();
        boolean sawComments = false;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ShellCheckException("shellcheck's output has no 'comments' list (is it older than 0.7?)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("comments") || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                sawComments = true;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    Comment c = comment(p, byName);
                    if (c != null) {
                        out.add(c);
                    }
                }
            }
        } catch (IOException e) {
            throw new ShellCheckException("shellcheck's output is not JSON: " + e.getMessage(), e);
        }
        if (!sawComments) {
            throw new ShellCheckException("shellcheck's output has no 'comments' list (is it older than 0.7?)");
        }
        return out;
    }

    /** One comment object, the parser on its START_OBJECT; null when it names a file that is not one of ours. */
    private static Comment comment(JsonParser p, Map<String, Integer> byName) throws IOException {
        String file = "";
        String level = "warning";
        String message = "";
        int code = 0;
        Integer line = null;
        Integer column = null;
        Integer endLine = null;
        Integer endColumn = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "file" -> file = t == JsonToken.VALUE_STRING ? p.getText() : file;
                case "level" -> level = t == JsonToken.VALUE_STRING ? p.getText() : level;
                case "message" -> message = t == JsonToken.VALUE_STRING ? p.getText() : message;
                case "code" -> code = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : code;
                case "line" -> line = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
                case "column" -> column = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
                case "endLine" -> endLine = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
                case "endColumn" -> endColumn = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
                default -> p.skipChildren(); // "fix" and anything newer shellchecks add
            }
        }
        Path name = Path.of(file).getFileName();
        Integer script = byName.get(name == null ? "" : name.toString());
        if (script == null) {
            return null;
        }
        int l = line == null ? 1 : line;
        int col = column == null ? 1 : column;
        return new Comment(script, l, col, endLine == null ? l : endLine, endColumn == null ? col : endColumn, level, code, message);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless; the OS cleans its temp directory
        }
    }
}
