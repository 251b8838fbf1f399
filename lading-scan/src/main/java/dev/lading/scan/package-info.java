/**
 * What an image contains, read from its layers in one streaming pass: the SBOM.
 *
 * <ul>
 * <li>{@link dev.lading.scan.ImageFiles} is the image's final filesystem (layers in order, whiteouts applied),
 *     keeping per path the layer that last wrote it; contents only of the files a
 *     {@link dev.lading.scan.FileSelector} asks for, and for large files (Java archives) only what a
 *     {@link dev.lading.scan.FileSummarizer} makes of them while the layer streams past. Nothing is unpacked
 *     to disk; memory grows with the number of paths, not the size of the layers.</li>
 * <li>A {@link dev.lading.scan.Cataloger} finds one kind of package in that view: {@link dev.lading.scan.DpkgCataloger},
 *     {@link dev.lading.scan.ApkCataloger}, {@link dev.lading.scan.PythonCataloger}, {@link dev.lading.scan.NpmCataloger},
 *     {@link dev.lading.scan.JavaArchiveCataloger}, {@link dev.lading.scan.RpmCataloger} (through
 *     {@link dev.lading.scan.SqliteReader}), {@link dev.lading.scan.GoBinaryCataloger} and
 *     {@link dev.lading.scan.RustBinaryCataloger} (ELF binaries, read by {@code ElfBinaryReader} as they stream past); the distro comes from os-release ({@link dev.lading.scan.Distro}).
 *     Bad metadata is skipped with a warning, never a failure.</li>
 * <li>{@link dev.lading.scan.SbomScanner} runs them all over an image and returns an {@link dev.lading.scan.Sbom}
 *     (packages sorted, warnings kept); {@link dev.lading.scan.SbomWriter.Format} writes it as CycloneDX 1.6 JSON or
 *     XML, SPDX 2.3 JSON, or a table, with no clock or randomness in the output.</li>
 * </ul>
 */
package dev.lading.scan;
