/**
 * Secrets left in an image (standards IM004, LD006): {@link dev.lading.scan.secrets.SecretScanner} is a
 * {@link dev.lading.scan.LayerVisitor}, so it reads every layer's files, deleted and overwritten ones included,
 * during the same walk that builds the final filesystem; the config's Env, Labels and history are scanned when
 * the report is asked for. Findings carry a redacted form of the secret only.
 */
package dev.lading.scan.secrets;
