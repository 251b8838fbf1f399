package dev.lading.dockerfile.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lading.dockerfile.Add;
import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.ArgDeclaration;
import dev.lading.dockerfile.Cmd;
import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Comment;
import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Directive;
import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.Entrypoint;
import dev.lading.dockerfile.Env;
import dev.lading.dockerfile.Expose;
import dev.lading.dockerfile.Flag;
import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Healthcheck;
import dev.lading.dockerfile.Heredoc;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.KeyValue;
import dev.lading.dockerfile.Label;
import dev.lading.dockerfile.Maintainer;
import dev.lading.dockerfile.Mount;
import dev.lading.dockerfile.Onbuild;
import dev.lading.dockerfile.ParseWarning;
import dev.lading.dockerfile.Position;
import dev.lading.dockerfile.Run;
import dev.lading.dockerfile.Shell;
import dev.lading.dockerfile.SourceRange;
import dev.lading.dockerfile.Stage;
import dev.lading.dockerfile.StopSignal;
import dev.lading.dockerfile.User;
import dev.lading.dockerfile.Volume;
import dev.lading.dockerfile.Workdir;
import java.util.List;
import java.util.Optional;

/**
 * The JSON form of a parsed Dockerfile ({@code lading dockerfile parse --format json}). The shape is
 * stable (fields are only ever added; {@code schemaVersion} changes on any other change) and its key order
 * is fixed:
 *
 * <pre>{@code
 * { "schemaVersion": 1, "file": "Dockerfile", "escape": "\\",
 *   "directives": [ { "name": "syntax", "value": "docker/dockerfile:1", "range": R } ],
 *   "globalArgs": [ I, … ],                  // ARG instructions before the first FROM
 *   "stages": [ { "index": 0, "name": "build" | null, "from": I, "instructions": [ I, … ] } ],
 *   "comments": [ { "line": 4, "text": "hadolint ignore=DL3008" } ],
 *   "warnings": [ { "message": "…", "range": R } ] }
 *
 * I = { "kind": "RUN", "keyword": "run", "range": R, "original": "run --network=none make",
 *       "flags": [ { "name": "network", "value": "none" | null, "range": R } ],
 *       "comments": [ … ], "arguments": { kind-specific, see below }, "heredocs": [ H, … ] }
 * R = { "start": { "line": 1, "column": 1 }, "end": { "line": 1, "column": 7 } }
 * H = { "word": "<<-EOF", "name": "EOF", "fileDescriptor": 0, "expand": true, "chomp": true,
 *       "content": "…", "range": R }       // content with tabs stripped when chomp
 * }</pre>
 *
 * Arguments by kind: FROM {image, name, stageName, platform}; RUN {command, mounts, network, security, devices};
 * CMD/ENTRYPOINT {command}; HEALTHCHECK {none, command, interval, timeout, startPeriod, startInterval,
 * retries}; SHELL {shell}; ENV/LABEL {pairs: [{key, value, legacy}]}; ARG {declarations: [{name, default}]};
 * ADD/COPY {sources, destination, json, and their flags' values}; VOLUME {paths, json}; EXPOSE {ports};
 * USER {user}; WORKDIR {path}; STOPSIGNAL {signal}; MAINTAINER {name}; ONBUILD {expression, trigger
 * (an I or null), triggerProblem}. A command is {form: "exec", args: [...]} or {form: "shell", text}.
 * Absent optional values are {@code null}, never missing.
 */
public final class DockerfileJson {
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final boolean positions;

    private DockerfileJson(boolean positions) {
        this.positions = positions;
    }

    /** Pretty-printed JSON with positions. */
    public static String toJson(Dockerfile dockerfile) {
        return toJson(dockerfile, true);
    }

    /**
     * With {@code positions} false, ranges and {@code original} texts are left out: two Dockerfiles that
     * differ only in layout give the same JSON.
     */
    public static String toJson(Dockerfile dockerfile, boolean positions) {
        try {
            return MAPPER.writeValueAsString(new DockerfileJson(positions).tree(dockerfile));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    /** The JSON tree, for callers that embed it in a larger document. */
    public static ObjectNode toTree(Dockerfile dockerfile) {
        return new DockerfileJson(true).tree(dockerfile);
    }

    private ObjectNode tree(Dockerfile d) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("file", d.fileName());
        root.put("escape", String.valueOf(d.escape()));
        ArrayNode directives = root.putArray("directives");
        for (Directive dir : d.directives()) {
            ObjectNode o = directives.addObject();
            o.put("name", dir.name());
            o.put("value", dir.value());
            range(o, dir.range());
        }
        ArrayNode globals = root.putArray("globalArgs");
        d.globalArgs().forEach(a -> globals.add(instruction(a)));
        ArrayNode stages = root.putArray("stages");
        for (Stage s : d.stages()) {
            ObjectNode o = stages.addObject();
            o.put("index", s.index());
            o.put("name", s.name().orElse(null));
            o.set("from", instruction(s.from()));
            ArrayNode list = o.putArray("instructions");
            s.instructions().forEach(i -> list.add(instruction(i)));
        }
        comments(root.putArray("comments"), d.comments());
        ArrayNode warnings = root.putArray("warnings");
        for (ParseWarning w : d.warnings()) {
            ObjectNode o = warnings.addObject();
            o.put("message", w.message());
            range(o, w.range());
        }
        return root;
    }

    private void comments(ArrayNode array, List<Comment> comments) {
        for (Comment c : comments) {
            ObjectNode o = array.addObject();
            if (positions) {
                o.put("line", c.line());
            }
            o.put("text", c.text());
        }
    }

    private void range(ObjectNode o, SourceRange r) {
        if (!positions) {
            return;
        }
        ObjectNode range = o.putObject("range");
        position(range.putObject("start"), r.start());
        position(range.putObject("end"), r.end());
    }

    private static void position(ObjectNode o, Position p) {
        o.put("line", p.line());
        o.put("column", p.column());
    }

    private ObjectNode instruction(Instruction ins) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("kind", ins.kind().name());
        o.put("keyword", ins.source().keyword());
        range(o, ins.range());
        if (positions) {
            o.put("original", ins.original());
        }
        ArrayNode flags = o.putArray("flags");
        for (Flag f : ins.flags()) {
            ObjectNode fo = flags.addObject();
            fo.put("name", f.name());
            fo.put("value", f.value().orElse(null));
            range(fo, f.range());
        }
        comments(o.putArray("comments"), ins.comments());
        ObjectNode args = o.putObject("arguments");
        List<Heredoc> heredocs = List.of();
        switch (ins) {
            case From f -> {
                args.put("image", f.image());
                args.put("name", f.name().orElse(null));
                args.put("stageName", f.stageName().orElse(null));
                args.put("platform", f.platform().orElse(null));
            }
            case Run r -> {
                command(args, Optional.of(r.command()));
                ArrayNode mounts = args.putArray("mounts");
                r.mounts().forEach(m -> mounts.add(mount(m)));
                args.put("network", r.network().orElse(null));
                args.put("security", r.security().orElse(null));
                strings(args.putArray("devices"), r.devices());
                heredocs = r.heredocs();
            }
            case Cmd c -> command(args, c.command());
            case Entrypoint e -> command(args, e.command());
            case Healthcheck h -> {
                args.put("none", h.isNone());
                command(args, h.command());
                args.put("interval", h.interval().orElse(null));
                args.put("timeout", h.timeout().orElse(null));
                args.put("startPeriod", h.startPeriod().orElse(null));
                args.put("startInterval", h.startInterval().orElse(null));
                if (h.retries().isPresent()) {
                    args.put("retries", h.retries().get());
                } else {
                    args.putNull("retries");
                }
            }
            case Shell s -> strings(args.putArray("shell"), s.shell());
            case Env e -> pairs(args, e.pairs());
            case Label l -> pairs(args, l.pairs());
            case Arg a -> {
                ArrayNode decls = args.putArray("declarations");
                for (ArgDeclaration d : a.declarations()) {
                    ObjectNode dn = decls.addObject();
                    dn.put("name", d.name());
                    dn.put("default", d.defaultValue().orElse(null));
                }
            }
            case Add a -> {
                strings(args.putArray("sources"), a.sources());
                args.put("destination", a.destination());
                args.put("json", a.json());
                args.put("chown", a.chown().orElse(null));
                args.put("chmod", a.chmod().orElse(null));
                args.put("link", a.link());
                strings(args.putArray("excludes"), a.excludes());
                args.put("checksum", a.checksum().orElse(null));
                args.put("keepGitDir", a.keepGitDir());
                if (a.unpack().isPresent()) {
                    args.put("unpack", a.unpack().get());
                } else {
                    args.putNull("unpack");
                }
                heredocs = a.heredocs();
            }
            case Copy c -> {
                strings(args.putArray("sources"), c.sources());
                args.put("destination", c.destination());
                args.put("json", c.json());
                args.put("from", c.from().orElse(null));
                args.put("chown", c.chown().orElse(null));
                args.put("chmod", c.chmod().orElse(null));
                args.put("link", c.link());
                args.put("parents", c.parents());
                strings(args.putArray("excludes"), c.excludes());
                heredocs = c.heredocs();
            }
            case Volume v -> {
                strings(args.putArray("paths"), v.paths());
                args.put("json", v.json());
            }
            case Expose e -> strings(args.putArray("ports"), e.ports());
            case User u -> args.put("user", u.user());
            case Workdir w -> args.put("path", w.path());
            case StopSignal s -> args.put("signal", s.signal());
            case Maintainer m -> args.put("name", m.name());
            case Onbuild ob -> {
                args.put("expression", ob.expression());
                args.set("trigger", ob.trigger().map(this::instruction).orElse(null));
                args.put("triggerProblem", ob.triggerProblem().orElse(null));
            }
        }
        ArrayNode hd = o.putArray("heredocs");
        for (Heredoc h : heredocs) {
            ObjectNode ho = hd.addObject();
            ho.put("word", h.word());
            ho.put("name", h.name());
            ho.put("fileDescriptor", h.fileDescriptor());
            ho.put("expand", h.expand());
            ho.put("chomp", h.chomp());
            ho.put("content", h.content());
            range(ho, h.range());
        }
        return o;
    }

    private static void command(ObjectNode args, Optional<CommandForm> command) {
        if (command.isEmpty()) {
            args.putNull("command");
            return;
        }
        ObjectNode c = args.putObject("command");
        switch (command.get()) {
            case CommandForm.ExecForm e -> {
                c.put("form", "exec");
                strings(c.putArray("args"), e.args());
            }
            case CommandForm.ShellForm s -> {
                c.put("form", "shell");
                c.put("text", s.command());
            }
        }
    }

    private ObjectNode mount(Mount m) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", m.type());
        o.put("from", m.from().orElse(null));
        o.put("source", m.source().orElse(null));
        o.put("target", m.target().orElse(null));
        o.put("readOnly", m.readOnly());
        o.put("id", m.id().orElse(null));
        o.put("sharing", m.sharing().orElse(null));
        o.put("mode", m.mode().orElse(null));
        o.put("uid", m.uid().orElse(null));
        o.put("gid", m.gid().orElse(null));
        o.put("size", m.size().orElse(null));
        o.put("env", m.env().orElse(null));
        o.put("required", m.required());
        o.put("spec", m.spec());
        range(o, m.range());
        return o;
    }

    private static void pairs(ObjectNode args, List<KeyValue> pairs) {
        ArrayNode a = args.putArray("pairs");
        for (KeyValue kv : pairs) {
            ObjectNode o = a.addObject();
            o.put("key", kv.key());
            o.put("value", kv.value());
            o.put("legacy", kv.legacy());
        }
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
