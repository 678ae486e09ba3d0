package dev.talosrehearsal.sim.talosapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The resource types a simulated node serves through its resource API, each as Talos v1.13.0 defines it (type,
 * default namespace, declared aliases, table columns, sensitivity), and the ResourceDefinition resources that
 * describe them, with the automatic aliases COSI adds.
 *
 * <p>Sources: the {@code ResourceDefinition()} method of each type in talos pkg/machinery/resources/ —
 * network/address_status.go, node_address.go, link_status.go, route_status.go, hostname_status.go,
 * cluster/member.go, etcd/member.go, config/machine_config.go (the same definitions at v1.8.4) — and
 * cosi-project/runtime v1.14.1 pkg/resource/meta/resource_definition.go for the definitions' own type.
 */
final class SimulatedResourceTypes {
    static final String DEFINITIONS = "ResourceDefinitions.meta.cosi.dev";
    static final String META = "meta";

    /** One type as Talos declares it; {@code displayType} is COSI's singular of the type's name. */
    record Served(String type, String displayType, String defaultNamespace, List<String> declaredAliases,
                  List<String[]> printColumns, boolean sensitive) {
        /** The resource definition's ID: the type, lower-cased (cosi ResourceDefinitionSpec.ID). */
        String id() {
            return type.toLowerCase(Locale.ROOT);
        }
    }

    static final List<Served> ALL = List.of(
            new Served("AddressStatuses.net.talos.dev", "AddressStatus", "network", List.of("address", "addresses"),
                    List.of(col("Address", "{.address}"), col("Link", "{.linkName}")), false),
            new Served("NodeAddresses.net.talos.dev", "NodeAddress", "network", List.of(),
                    List.of(col("Addresses", "{.addresses}"), col("SortAlgorithm", "{.sortAlgorithm}")), false),
            new Served("LinkStatuses.net.talos.dev", "LinkStatus", "network", List.of("link", "links"),
                    List.of(col("Alias", "{.alias}"), col("Type", "{.type}"), col("Kind", "{.kind}"), col("Hw Addr", "{.hardwareAddr}"),
                            col("Oper State", "{.operationalState}"), col("Link State", "{.linkState}")), false),
            new Served("RouteStatuses.net.talos.dev", "RouteStatus", "network", List.of("route", "routes"),
                    List.of(col("Destination", "{.dst}"), col("Gateway", "{.gateway}"), col("Link", "{.outLinkName}"),
                            col("Metric", "{.priority}")), false),
            new Served("HostnameStatuses.net.talos.dev", "HostnameStatus", "network", List.of("hostname"),
                    List.of(col("Hostname", "{.hostname}"), col("Domainname", "{.domainname}")), false),
            new Served("ResolverStatuses.net.talos.dev", "ResolverStatus", "network", List.of("resolvers"),
                    List.of(col("Resolvers", "{.dnsServers}"), col("Search Domains", "{.searchDomains}")), false),
            new Served("Members.cluster.talos.dev", "Member", "cluster", List.of(),
                    List.of(col("Hostname", "{.hostname}"), col("Machine Type", "{.machineType}"), col("OS", "{.operatingSystem}"),
                            col("Addresses", "{.addresses}")), false),
            new Served("EtcdMembers.etcd.talos.dev", "EtcdMember", "etcd", List.of(), List.<String[]>of(col("Member ID", "{.memberID}")), false),
            new Served("MachineConfigs.config.talos.dev", "MachineConfig", "config", List.of(), List.of(), true),
            new Served(DEFINITIONS, "ResourceDefinition", META, List.of("api-resources"), List.<String[]>of(col("Aliases", "{.aliases[:]}")), false));

    /** The namespaces Talos's access policy accepts for these types (talos internal/app/resources/access.go). */
    static final List<String> NAMESPACES = List.of("network", "cluster", "etcd", "config", META);

    private SimulatedResourceTypes() {}

    /** The served type whose definition ID is {@code type} lower-cased, as the access policy looks it up. */
    static Optional<Served> byType(String type) {
        String id = type.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * A definition's YAML spec fields, aliases completed as COSI's {@code ResourceDefinitionSpec.Fill} does: the
     * singular name and the initials (plus an "s" unless they end in S) join the declared aliases; every alias,
     * the plural name and the plural name with each prefix of the suffix ({@code addressstatuses.net}) match.
     */
    static Map<String, Object> definitionSpec(Served served) {
        String name = served.type().substring(0, served.type().indexOf('.'));
        String suffix = served.type().substring(served.type().indexOf('.') + 1);
        List<String> aliases = new ArrayList<>(served.declaredAliases());
        aliases.add(served.displayType().toLowerCase(Locale.ROOT));
        String initials = name.chars().filter(Character::isUpperCase)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (initials.length() > 1) {
            aliases.add(initials.toLowerCase(Locale.ROOT));
            if (!initials.endsWith("S")) {
                aliases.add((initials + "s").toLowerCase(Locale.ROOT));
            }
        }
        List<String> all = new ArrayList<>();
        all.add(name.toLowerCase(Locale.ROOT));
        String[] parts = suffix.split("\\.");
        StringBuilder prefix = new StringBuilder(name.toLowerCase(Locale.ROOT));
        for (int i = 0; i < parts.length - 1; i++) {
            prefix.append('.').append(parts[i]);
            all.add(prefix.toString());
        }
        all.addAll(aliases);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", served.type());
        spec.put("displayType", served.displayType());
        spec.put("defaultNamespace", served.defaultNamespace());
        spec.put("aliases", aliases);
        spec.put("allAliases", all);
        List<Map<String, String>> columns = new ArrayList<>();
        for (String[] c : served.printColumns()) {
            Map<String, String> column = new LinkedHashMap<>();
            column.put("name", c[0]);
            column.put("jsonPath", c[1]);
            columns.add(column);
        }
        spec.put("printColumns", columns);
        if (served.sensitive()) {
            spec.put("sensitivity", "sensitive");
        }
        return spec;
    }

    private static String[] col(String name, String jsonPath) {
        return new String[] {name, jsonPath};
    }
}
