package dev.lading.build.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Who lading runs as on the host, and the subordinate id ranges {@code /etc/subuid} and {@code /etc/subgid}
 * grant that user (the first range of each, as newuidmap takes them).
 */
public record HostIds(long uid, long gid, String user, Optional<Range> subuid, Optional<Range> subgid) {

    /** {@code count} host ids starting at {@code start}. */
    public record Range(long start, long count) {
    }

    public boolean root() {
        return uid == 0;
    }

    /** This process: ids from /proc/self/status (Java has no getuid), ranges from /etc/subuid and /etc/subgid. */
    public static HostIds current() {
        long uid = 0;
        long gid = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                // "Uid:\treal\teffective\tsaved\tfs": the effective id decides what the kernel allows.
                if (line.startsWith("Uid:")) {
                    uid = Long.parseLong(line.split("\\s+")[2]);
                } else if (line.startsWith("Gid:")) {
                    gid = Long.parseLong(line.split("\\s+")[2]);
                }
            }
        } catch (IOException | RuntimeException e) {
            uid = gid = -1;
        }
        String user = System.getProperty("user.name", "");
        return new HostIds(uid, gid, user,
                subordinate(Path.of("/etc/subuid"), user, uid), subordinate(Path.of("/etc/subgid"), user, uid));
    }

    /** The first "NAME_OR_ID:START:COUNT" line for this user (shadow's newuidmap accepts the name or the id). */
    static Optional<Range> subordinate(Path file, String user, long id) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            String[] f = line.trim().split(":");
            if (f.length != 3 || !(f[0].equals(user) || f[0].equals(Long.toString(id)))) {
                continue;
            }
            try {
                long start = Long.parseLong(f[1]);
                long count = Long.parseLong(f[2]);
                if (count > 0) {
                    return Optional.of(new Range(start, count));
                }
            } catch (NumberFormatException e) {
                // a malformed line is skipped, as newuidmap does
            }
        }
        return Optional.empty();
    }
}
