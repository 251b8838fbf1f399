/**
 * The Dockerfile front end: a parser that reads Dockerfiles exactly as BuildKit's frontend does, with
 * positions kept for lint and error messages.
 *
 * <ul>
 *   <li>{@link dev.lading.dockerfile.DockerfileParser#parse(String, String)} gives a
 *       {@link dev.lading.dockerfile.Dockerfile}: directives, every {@link dev.lading.dockerfile.Instruction}
 *       (one record per keyword, a sealed set), stages, comments and warnings; or a
 *       {@link dev.lading.dockerfile.DockerfileParseException} with file, line, column, message and hint.</li>
 *   <li>{@link dev.lading.dockerfile.expand.StageResolver} substitutes variables per stage, with BuildKit's
 *       ARG/ENV scoping; {@link dev.lading.dockerfile.shell.ShellLexer} is BuildKit's word lexer.</li>
 *   <li>{@link dev.lading.dockerfile.ignore.DockerIgnore} is Docker's .dockerignore matcher.</li>
 *   <li>{@link dev.lading.dockerfile.DockerfilePrinter} prints canonical Dockerfile text and
 *       {@link dev.lading.dockerfile.json.DockerfileJson} the documented JSON form.</li>
 * </ul>
 */
package dev.lading.dockerfile;
