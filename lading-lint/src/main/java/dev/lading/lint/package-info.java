/**
 * The Dockerfile linter.
 *
 * <ul>
 *   <li>{@link dev.lading.lint.Linter} runs {@link dev.lading.lint.Rule}s over a file or text and applies
 *       {@link dev.lading.lint.LintConfig} (ignored rules, severity overrides) and the inline
 *       {@link dev.lading.lint.Pragmas} ({@code # lading ignore=…}, {@code # hadolint ignore=…},
 *       {@code # hadolint global ignore=…}, {@code # check=skip=…;error=true}); it returns
 *       {@link dev.lading.lint.Finding}s sorted by file, line and column.</li>
 *   <li>A rule sees a {@link dev.lading.lint.LintContext}: the parsed Dockerfile, the resolved view (ARG and
 *       ENV substituted as BuildKit does), every RUN parsed by {@link dev.lading.lint.shell.ShellParser} with
 *       the values known at that RUN, the .dockerignore and the configuration. What depends on values the
 *       Dockerfile does not give (an ARG without default, the base image's ENV) is unresolved, and rules
 *       say nothing about it.</li>
 *   <li>{@link dev.lading.lint.rules.BuiltinRules} lists the rules: lading's LD rules, hadolint's DL rules
 *       under hadolint's meaning, and BuildKit's checks under their BuildKit names.</li>
 *   <li>{@link dev.lading.lint.config.ConfigLoader} reads {@code .lading.yaml} and {@code .hadolint.yaml};
 *       {@link dev.lading.lint.format.ReportFormat} writes text, json, sarif, checkstyle and gitlab reports.</li>
 * </ul>
 */
package dev.lading.lint;
