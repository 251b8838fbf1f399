package dev.lading.scan.efficiency;

import java.util.List;

/**
 * Layer efficiency of an image, computed as the dive tool does (see {@link EfficiencyAnalyzer}).
 *
 * @param efficiency           dive's score, 0..1: the smallest version of every path over the sum of all versions
 * @param wastedBytes          the cumulative size of every path touched by more than one layer
 * @param userSizeBytes        the content bytes of every layer but the first (dive's "user" layers)
 * @param wastedUserFraction   wastedBytes / userSizeBytes as a fraction (dive calls it a percent but gates it as
 *                             0.2 = 20%); 0 when nothing is wasted, 1 when something is and there are no user bytes
 * @param inefficiencies       largest cumulative size first, then by path
 */
public record EfficiencyReport(List<LayerEfficiency> layers, long compressedBytes, long uncompressedBytes, long contentBytes,
                               long userSizeBytes, long wastedBytes, double wastedUserFraction, double efficiency,
                               List<Inefficiency> inefficiencies) {
    public EfficiencyReport {
        layers = List.copyOf(layers);
        inefficiencies = List.copyOf(inefficiencies);
    }
}
