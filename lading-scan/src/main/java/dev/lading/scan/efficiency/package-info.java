/**
 * Layer efficiency as the dive tool computes it (score, wasted bytes, dive's CI gates), from the layer entries
 * a {@link dev.lading.scan.LayerVisitor} sees: metadata only, no file is read.
 */
package dev.lading.scan.efficiency;
