package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.patch.ConfigPatch;
import dev.talosrehearsal.talconfig.TalosVersion;

/**
 * The v1alpha1 document as Talos's encoder writes the config its generator built, which a JSON (RFC 6902) patch sees
 * before any strategic merge patch has decoded it: talhelper encodes the generated config and hands the bytes to
 * Talos's patcher (pkg/generate/config.go, pkg/patcher), which applies a JSON patch to those bytes as they are
 * (configpatcher/apply.go) and decodes them only for a strategic merge.
 *
 * <p>Up to v1.12 the generator sets {@code machine.registries.mirrors} to an empty map that is not nil
 * (generate/init.go and worker.go, v1.8.4 to v1.12.0), so the encoder, which omits a struct only when it is the zero
 * value (encoder.go, isEmpty), writes {@code registries: {}}; a decoded config has a nil map there and loses the key.
 * A patch {@code replace /machine/registries/mirrors} therefore works on a config fresh from the generator (Talos's
 * json-patch sets a missing key on replace, see {@link dev.talosrehearsal.machineconfig.patch.ConfigPatcher}) and
 * fails after a strategic merge — a real cluster's patches rely on the first (TrueCharts' clustertool). v1.13's
 * generator leaves registries out.
 */
final class GeneratedEncoding {
    private static final String REGISTRIES = "registries";

    private GeneratedEncoding() {}

    /** {@code doc} with what the generator's encoding holds and the rendered document leaves out (a copy when it adds). */
    static ObjectNode of(ObjectNode doc, TalosVersion version) {
        JsonNode machine = doc.path("machine");
        if (version.atLeast(1, 13) || !machine.isObject() || machine.has(REGISTRIES)) {
            return doc;
        }
        ObjectNode copy = doc.deepCopy();
        ((ObjectNode) copy.get("machine")).putObject(REGISTRIES);
        return copy;
    }

    /**
     * A JSON patch that failed on a decoded config where the generator's encoding would have held its path: the
     * refusal says why the same patch works on other nodes (those without a strategic merge patch before it: in
     * talhelper, a node's own patches come before the top-level ones) and how to write it so it works on all.
     *
     * @param decodedBy where the strategic merge patch that decoded the config is ({@code file:line})
     */
    static InputException explainDecoded(InputException refusal, ConfigPatch patch, TalosVersion version, String decodedBy) {
        if (version.atLeast(1, 13) || patch.type() != ConfigPatch.Type.JSON6902 || !refusal.getMessage().contains("/machine/" + REGISTRIES)
                || !refusal.getMessage().contains("path does not exist")) {
            return refusal;
        }
        return new InputException(refusal.file(), refusal.line(), refusal.getMessage() + ": the generator writes an empty machine."
                + REGISTRIES + " that a JSON patch can replace, but the strategic merge patch at " + decodedBy
                + " decoded this node's config first, and a decoded config has no empty " + REGISTRIES
                + " (nodes without such a patch take this one). Fix: set the mirrors in a strategic merge patch"
                + " (machine: {registries: {mirrors: ...}}), or add /machine/" + REGISTRIES + " whole (op: add, value: {mirrors: ...})");
    }

    /**
     * {@code doc} without an empty {@code machine.registries} again: the rendered config leaves the empty key out (a
     * decode drops it), and Talos reads the config the same with or without it.
     */
    static ObjectNode withoutEmptyExtras(ObjectNode doc) {
        JsonNode registries = doc.path("machine").path(REGISTRIES);
        if (registries.isObject() && registries.isEmpty()) {
            ((ObjectNode) doc.get("machine")).remove(REGISTRIES);
        }
        return doc;
    }
}
