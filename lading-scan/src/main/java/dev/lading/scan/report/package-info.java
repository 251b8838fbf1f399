/**
 * Settings of {@code lading scan} that are not one scanner's: which scanners run, the gates, and the
 * {@code scan:} section of {@code .lading.yaml} they can come from.
 */
package dev.lading.scan.report;
