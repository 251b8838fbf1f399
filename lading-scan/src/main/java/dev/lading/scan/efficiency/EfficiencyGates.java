package dev.lading.scan.efficiency;

import dev.lading.scan.policy.PolicyResult;

import java.util.ArrayList;
import java.util.List;

/**
 * dive's CI rules ({@code .dive-ci}: {@code lowestEfficiency}, {@code highestWastedBytes},
 * {@code highestUserWastedPercent}) with dive's comparisons: each fails only strictly beyond its threshold. A
 * null threshold is a rule that is off (SKIP).
 */
public record EfficiencyGates(Double lowestEfficiency, Long highestWastedBytes, Double highestUserWastedPercent) {

    /** dive's defaults: 0.9, 20MB (go-humanize parses "20MB" as 20,000,000 bytes), 0.20. */
    public static final EfficiencyGates DIVE_DEFAULTS = new EfficiencyGates(0.9, 20_000_000L, 0.20);
    public static final EfficiencyGates NONE = new EfficiencyGates(null, null, null);

    public EfficiencyGates {
        if (lowestEfficiency != null && (lowestEfficiency < 0 || lowestEfficiency > 1)) {
            throw new IllegalArgumentException("lowestEfficiency must be between 0 and 1, not " + lowestEfficiency);
        }
        if (highestWastedBytes != null && highestWastedBytes < 0) {
            throw new IllegalArgumentException("highestWastedBytes must not be negative");
        }
        if (highestUserWastedPercent != null && highestUserWastedPercent < 0) {
            throw new IllegalArgumentException("highestUserWastedPercent must not be negative");
        }
    }

    /** One result per gate, in dive's order. */
    public List<PolicyResult> evaluate(EfficiencyReport r) {
        List<PolicyResult> out = new ArrayList<>();
        String efficiency = String.format(java.util.Locale.ROOT, "%.4f", r.efficiency());
        if (lowestEfficiency == null) {
            out.add(PolicyResult.skip("lowestEfficiency", "not configured"));
        } else if (lowestEfficiency > r.efficiency()) {
            out.add(PolicyResult.fail("lowestEfficiency", "image efficiency is too low (efficiency=" + efficiency
                    + " < threshold=" + lowestEfficiency + ")", List.of()));
        } else {
            out.add(PolicyResult.pass("lowestEfficiency", "efficiency=" + efficiency + " >= threshold=" + lowestEfficiency, List.of()));
        }
        if (highestWastedBytes == null) {
            out.add(PolicyResult.skip("highestWastedBytes", "not configured"));
        } else if (r.wastedBytes() > highestWastedBytes) {
            out.add(PolicyResult.fail("highestWastedBytes", "too many bytes wasted (wasted-bytes=" + r.wastedBytes()
                    + " > threshold=" + highestWastedBytes + ")", topPaths(r)));
        } else {
            out.add(PolicyResult.pass("highestWastedBytes", "wasted-bytes=" + r.wastedBytes() + " <= threshold=" + highestWastedBytes, List.of()));
        }
        String fraction = String.format(java.util.Locale.ROOT, "%.4f", r.wastedUserFraction());
        if (highestUserWastedPercent == null) {
            out.add(PolicyResult.skip("highestUserWastedPercent", "not configured"));
        } else if (highestUserWastedPercent < r.wastedUserFraction()) {
            out.add(PolicyResult.fail("highestUserWastedPercent", "too many bytes wasted, relative to the user bytes added ("
                    + "user-wasted=" + fraction + " > threshold=" + highestUserWastedPercent + ")", topPaths(r)));
        } else {
            out.add(PolicyResult.pass("highestUserWastedPercent", "user-wasted=" + fraction + " <= threshold=" + highestUserWastedPercent, List.of()));
        }
        return out;
    }

    private static List<String> topPaths(EfficiencyReport r) {
        return r.inefficiencies().stream().limit(10).map(i -> i.path() + " (" + i.cumulativeBytes() + " bytes in " + i.count() + " layers)").toList();
    }
}
