package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * NetworkRuleConfig (the ingress firewall, talhelper's {@code ingressFirewall} and templated firewall patches): a
 * name, at least one port, port ranges that are ranges and do not overlap, and ingress subnets that are prefixes.
 * A port that is neither a number nor {@code lo-hi} fails when Talos decodes the document.
 *
 * <p>Source: {@code RuleConfigV1Alpha1.Validate} in pkg/machinery/config/types/network/rule_config.go and
 * {@code PortRange.UnmarshalYAML} / {@code PortRanges.Validate} in port_range.go (v1.11.0 to v1.14.0-rc.1).
 */
final class NetworkRuleConfigCheck implements Check {
    private record Range(int lo, int hi) {
        @Override
        public String toString() {
            return lo + "-" + hi;
        }
    }

    @Override
    public void check(Subject s, Findings out) {
        documents:
        for (int doc : s.documentsOfKind("NetworkRuleConfig")) {
            JsonNode d = s.documents().get(doc);
            if (d.path("name").asText("").isEmpty()) {
                out.error(doc, "/name", "name is required");
                continue;
            }
            JsonNode ports = d.path("portSelector").path("ports");
            if (!ports.isArray() || ports.isEmpty()) {
                out.error(doc, "/portSelector/ports", "portSelector.ports is required");
                continue;
            }
            List<Range> ranges = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                Range r = parse(ports.get(i));
                if (r == null) {
                    out.error(doc, "/portSelector/ports/" + i, "invalid port range: \"" + ports.get(i).asText() + "\"");
                    continue documents;
                }
                ranges.add(r);
            }
            String overlap = overlap(ranges);
            if (overlap != null) {
                out.error(doc, "/portSelector/ports", overlap);
                continue;
            }
            JsonNode ingress = d.path("ingress");
            for (int i = 0; ingress.isArray() && i < ingress.size(); i++) {
                String subnet = ingress.get(i).path("subnet").asText("");
                if (!GoNet.isPrefix(subnet)) {
                    out.error(doc, "/ingress/" + i + "/subnet", "invalid subnet: " + subnet);
                    break;
                }
                String except = ingress.get(i).path("except").asText("");
                if (!except.isEmpty() && !GoNet.isPrefix(except)) {
                    out.error(doc, "/ingress/" + i + "/except", "invalid except: " + except);
                    break;
                }
            }
        }
    }

    /** A port (a uint16) or {@code lo-hi}, as PortRange.UnmarshalYAML reads it; null when Talos cannot decode it. */
    private static Range parse(JsonNode port) {
        if (port.isIntegralNumber()) {
            int p = port.intValue();
            return p >= 0 && p <= 65535 ? new Range(p, p) : null;
        }
        String text = port.asText("");
        int dash = text.indexOf('-');
        if (!port.isTextual() || dash < 0) {
            return null;
        }
        try {
            int lo = Integer.parseInt(text.substring(0, dash));
            int hi = Integer.parseInt(text.substring(dash + 1));
            return lo >= 0 && lo <= 65535 && hi >= 0 && hi <= 65535 ? new Range(lo, hi) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** PortRanges.Validate: sorted by their low port, each a range and none overlapping the one before. */
    private static String overlap(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(Range::lo));
        for (int i = 0; i < sorted.size(); i++) {
            Range r = sorted.get(i);
            if (r.lo() > r.hi()) {
                return "invalid port range: " + r;
            }
            if (i > 0 && r.lo() <= sorted.get(i - 1).hi()) {
                return "invalid port range: " + r + ", overlaps with " + sorted.get(i - 1);
            }
        }
        return null;
    }
}
