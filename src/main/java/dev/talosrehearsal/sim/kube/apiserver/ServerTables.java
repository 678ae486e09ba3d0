package dev.talosrehearsal.sim.kube.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Server-side printing: the {@code meta.k8s.io/v1 Table} a real API server answers when asked with
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}. kubectl prints these cells as they
 * come; its {@code -o wide} shows the columns of priority 1 too. Columns and cell formats follow
 * Kubernetes' own printers (pkg/printers/internalversion) for the types the simulator uses; any
 * other type gets NAME and AGE, as for a resource without printer columns.
 */
public final class ServerTables {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private record Column(String name, String type, String format, String description, int priority,
            Function<JsonNode, Object> cell) {}

    private ServerTables() {}

    /**
     * A Table for {@code objects} of type {@code plural} (a list's items, or one object).
     *
     * @param includeObject {@code None}, {@code Metadata} (the default) or {@code Object}, as the query parameter says
     */
    static ObjectNode table(String plural, List<JsonNode> objects, String resourceVersion, String includeObject, Instant now) {
        List<Column> columns = columns(plural, now);
        ObjectNode table = JSON.objectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (Column c : columns) {
            ObjectNode d = definitions.addObject();
            d.put("name", c.name());
            d.put("type", c.type());
            d.put("format", c.format());
            d.put("description", c.description());
            d.put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Column c : columns) {
                Object v = c.cell().apply(object);
                if (v instanceof Integer i) {
                    cells.add(i);
                } else {
                    cells.add(String.valueOf(v));
                }
            }
            switch (includeObject == null ? "Metadata" : includeObject) {
                case "None" -> { }
                case "Object" -> row.set("object", object);
                default -> {
                    ObjectNode partial = row.putObject("object");
                    partial.put("kind", "PartialObjectMetadata");
                    partial.put("apiVersion", "meta.k8s.io/v1");
                    partial.set("metadata", object.path("metadata").deepCopy());
                }
            }
        }
        return table;
    }

    private static List<Column> columns(String plural, Instant now) {
        Column name = new Column("Name", "string", "name", "Name must be unique within a namespace.", 0,
                o -> o.path("metadata").path("name").asText());
        Column age = new Column("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when this"
                + " object was created.", 0, o -> age(o, now));
        return switch (plural) {
            case "nodes" -> List.of(name,
                    col("Status", "The status of the node", 0, ServerTables::nodeStatus),
                    col("Roles", "The roles of the node", 0, ServerTables::nodeRoles),
                    age,
                    col("Version", "Kubelet Version reported by the node.", 0,
                            o -> o.path("status").path("nodeInfo").path("kubeletVersion").asText("")),
                    col("Internal-IP", "List of internal IPs for the node.", 1, o -> nodeAddress(o, "InternalIP")),
                    col("External-IP", "List of external IPs for the node.", 1, o -> nodeAddress(o, "ExternalIP")),
                    col("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1,
                            o -> orUnknown(o.path("status").path("nodeInfo").path("osImage").asText(""))),
                    col("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1,
                            o -> orUnknown(o.path("status").path("nodeInfo").path("kernelVersion").asText(""))),
                    col("Container-Runtime", "Container Runtime Version reported by the node through runtime remote API"
                            + " (e.g. containerd://1.4.2).", 1,
                            o -> orUnknown(o.path("status").path("nodeInfo").path("containerRuntimeVersion").asText(""))));
            case "namespaces" -> List.of(name,
                    col("Status", "The status of the namespace", 0, o -> o.path("status").path("phase").asText("Active")),
                    age);
            case "services" -> List.of(name,
                    col("Type", "The type of service.", 0, o -> o.path("spec").path("type").asText("ClusterIP")),
                    col("Cluster-IP", "The cluster ip of the service.", 0, o -> none(o.path("spec").path("clusterIP").asText(""))),
                    col("External-IP", "The external ip of the service.", 0, ServerTables::serviceExternalIp),
                    col("Port(s)", "The ports of the service.", 0, ServerTables::servicePorts),
                    age,
                    col("Selector", "The label selector of the service.", 1, o -> labels(o.path("spec").path("selector"))));
            case "configmaps" -> List.of(name,
                    new Column("Data", "integer", "", "Number of data entries in the configmap.", 0,
                            o -> o.path("data").size() + o.path("binaryData").size()),
                    age);
            case "endpoints" -> List.of(name,
                    col("Endpoints", "Endpoints is the list of endpoints in this object.", 0, ServerTables::endpoints),
                    age);
            case "endpointslices" -> List.of(name,
                    col("AddressType", "Type of address in this EndpointSlice.", 0, o -> o.path("addressType").asText("")),
                    col("Ports", "Ports of the EndpointSlice.", 0, ServerTables::slicePorts),
                    col("Endpoints", "Endpoints of the EndpointSlice.", 0, ServerTables::sliceEndpoints),
                    age);
            case "networkpolicies" -> List.of(name,
                    col("Pod-Selector", "The pod selector of the network policy.", 0,
                            o -> selector(o.path("spec").path("podSelector"))),
                    age);
            default -> List.of(name, age);
        };
    }

    /**
     * An Endpoints' {@code ip:port} pairs, subset by subset and port by port, the first three and {@code + N more...};
     * {@code <none>} without subsets (Kubernetes' formatEndpoints).
     */
    static String endpoints(JsonNode endpoints) {
        if (endpoints.path("subsets").isEmpty()) {
            return "<none>";
        }
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (JsonNode subset : endpoints.path("subsets")) {
            List<String> ports = new ArrayList<>();
            subset.path("ports").forEach(p -> ports.add(p.path("port").asText()));
            for (String port : ports.isEmpty() ? java.util.Collections.<String>singletonList(null) : ports) {
                for (JsonNode address : subset.path("addresses")) {
                    String ip = address.path("ip").asText();
                    count++;
                    if (shown.size() < 3) {
                        shown.add(port == null ? ip : (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port);
                    }
                }
            }
        }
        return String.join(",", shown) + (count > 3 ? " + " + (count - 3) + " more..." : "");
    }

    /** An EndpointSlice's ports: the number, else the name, else {@code *}; the first three (formatDiscoveryPorts). */
    private static String slicePorts(JsonNode slice) {
        List<String> ports = new ArrayList<>();
        slice.path("ports").forEach(p -> ports.add(p.hasNonNull("port") ? p.path("port").asText() : p.path("name").asText("*")));
        return firstThree(ports);
    }

    /** An EndpointSlice's addresses, the first three (formatDiscoveryEndpoints). */
    private static String sliceEndpoints(JsonNode slice) {
        List<String> addresses = new ArrayList<>();
        slice.path("endpoints").forEach(e -> e.path("addresses").forEach(a -> addresses.add(a.asText())));
        return firstThree(addresses);
    }

    private static String firstThree(List<String> items) {
        if (items.isEmpty()) {
            return "<unset>";
        }
        return String.join(",", items.subList(0, Math.min(3, items.size()))) + (items.size() > 3 ? " + " + (items.size() - 3) + " more..." : "");
    }

    private static Column col(String name, String description, int priority, Function<JsonNode, Object> cell) {
        return new Column(name, "string", "", description, priority, cell);
    }

    /** "Ready", "NotReady" (False or Unknown), "Unknown" without a Ready condition; ",SchedulingDisabled" when cordoned. */
    public static String nodeStatus(JsonNode node) {
        String status = "Unknown";
        for (JsonNode c : node.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                status = c.path("status").asText().equals("True") ? "Ready" : "NotReady";
            }
        }
        if (node.path("spec").path("unschedulable").asBoolean(false)) {
            status += ",SchedulingDisabled";
        }
        return status;
    }

    private static String nodeRoles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        for (Map.Entry<String, JsonNode> e : node.path("metadata").path("labels").properties()) {
            if (e.getKey().startsWith("node-role.kubernetes.io/")) {
                String role = e.getKey().substring("node-role.kubernetes.io/".length());
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            } else if (e.getKey().equals("kubernetes.io/role") && !e.getValue().asText().isEmpty()) {
                roles.add(e.getValue().asText());
            }
        }
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    private static String nodeAddress(JsonNode node, String type) {
        for (JsonNode a : node.path("status").path("addresses")) {
            if (a.path("type").asText().equals(type)) {
                return a.path("address").asText();
            }
        }
        return "<none>";
    }

    private static String serviceExternalIp(JsonNode svc) {
        String type = svc.path("spec").path("type").asText("ClusterIP");
        List<String> ips = new ArrayList<>();
        svc.path("spec").path("externalIPs").forEach(ip -> ips.add(ip.asText()));
        if (type.equals("LoadBalancer")) {
            for (JsonNode ingress : svc.path("status").path("loadBalancer").path("ingress")) {
                ips.add(ingress.has("ip") ? ingress.path("ip").asText() : ingress.path("hostname").asText());
            }
            return ips.isEmpty() ? "<pending>" : String.join(",", ips);
        }
        if (type.equals("ExternalName")) {
            return svc.path("spec").path("externalName").asText("<none>");
        }
        return ips.isEmpty() ? "<none>" : String.join(",", ips);
    }

    private static String servicePorts(JsonNode svc) {
        List<String> ports = new ArrayList<>();
        for (JsonNode p : svc.path("spec").path("ports")) {
            String protocol = p.path("protocol").asText("TCP");
            ports.add(p.path("port").asInt() + (p.has("nodePort") ? ":" + p.path("nodePort").asInt() : "") + "/" + protocol);
        }
        return ports.isEmpty() ? "<none>" : String.join(",", ports);
    }

    private static String labels(JsonNode map) {
        TreeSet<String> out = new TreeSet<>();
        map.properties().forEach(e -> out.add(e.getKey() + "=" + e.getValue().asText()));
        return out.isEmpty() ? "<none>" : String.join(",", out);
    }

    private static String selector(JsonNode labelSelector) {
        List<String> parts = new ArrayList<>();
        labelSelector.path("matchLabels").properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        for (JsonNode expr : labelSelector.path("matchExpressions")) {
            String key = expr.path("key").asText();
            List<String> values = new ArrayList<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            parts.add(switch (expr.path("operator").asText()) {
                case "In" -> key + " in (" + String.join(",", values) + ")";
                case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
                case "DoesNotExist" -> "!" + key;
                default -> key;
            });
        }
        return parts.isEmpty() ? "<none>" : String.join(",", parts);
    }

    private static String none(String s) {
        return s.isEmpty() ? "<none>" : s;
    }

    private static String orUnknown(String s) {
        return s.isEmpty() ? "<unknown>" : s;
    }

    private static String age(JsonNode object, Instant now) {
        String created = object.path("metadata").path("creationTimestamp").asText("");
        if (created.isEmpty()) {
            return "<unknown>";
        }
        try {
            return humanDuration(Duration.between(OffsetDateTime.parse(created).toInstant(), now));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    /** Kubernetes' {@code duration.HumanDuration} (apimachinery/pkg/util/duration), which kubectl's AGE shows. */
    static String humanDuration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = d.toMinutes();
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = d.toHours();
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return (hours / 24) + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + dy + "d";
        }
        return (hours / 24 / 365) + "y";
    }
}
