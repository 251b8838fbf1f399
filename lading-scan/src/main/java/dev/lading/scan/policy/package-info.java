/**
 * The image policy (IM rules that the image alone answers) over the final filesystem and the config, and the
 * {@link dev.lading.scan.policy.PolicyResult} every gate of a scan reports with.
 */
package dev.lading.scan.policy;
