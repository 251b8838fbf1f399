/**
 * Version orderings, one per ecosystem, for evaluating OSV vulnerability ranges: {@link
 * dev.lading.scan.version.VersionScheme#forOsvEcosystem} picks the scheme from the record's ecosystem.
 *
 * <p>Each scheme reproduces the ordering of the tool that ecosystem's packages are installed with, not a
 * cleaned-up reading of its specification, because a range is only right if "fixed in 1.2.3" means what the
 * package manager means: dpkg for Debian and Ubuntu, apk-tools for Alpine, Wolfi and Chainguard, Maven's
 * ComparableVersion, python's packaging (pip), node-semver (npm), and SemVer 2.0.0 for Go and crates.io.
 * The tests check each against that tool on generated versions (the apk one against apk-tools' test vectors,
 * there being no apk on Debian). Where the tool's order is not a total order (Maven's, in a few shapes),
 * the scheme keeps the tool's answers.
 *
 * <p>Digit runs compare as unbounded integers everywhere: dates and build numbers in versions exceed a long.
 */
package dev.lading.scan.version;
