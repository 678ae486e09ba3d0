package dev.talosrehearsal.rollout;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosResults.VersionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the cluster's nodes answer the Talos API through the talosconfig's endpoints, said once for apply's
 * pre-flight and for verify. Three cases a user must tell apart: the endpoint does not answer (wrong endpoint or
 * credentials: bad input); the endpoint answers but none of the nodes does through it (most often another cluster's
 * talosconfig: its apid cannot reach this cluster's addresses, and every later check would repeat the same dial
 * error); some nodes answer (a cluster problem, for the checks to report node by node).
 */
public final class TalosReach {
    /** gRPC limits metadata to 8 KiB: the nodes are asked at most 100 at a time. */
    static final int BATCH = 100;

    private TalosReach() {}

    /** A node of the cluster as the user named it and the address it is reached at. */
    public record Target(String hostname, String address) {}

    /**
     * Every target's Talos version, in the targets' order (a node that did not answer has its error as its reply), and,
     * when none answered, the one line that says so ({@link #noneAnswered}).
     */
    public record Reach(List<NodeReply<VersionResult>> replies, Optional<String> noneAnswered) {}

    /**
     * Asks every target for its version, then, when none answered, the endpoint about itself (once). Throws
     * {@link InputException} when the endpoint itself does not answer.
     */
    public static Reach of(TalosClient talos, List<Target> targets) {
        List<String> addresses = targets.stream().map(Target::address).toList();
        List<NodeReply<VersionResult>> replies = new ArrayList<>();
        TalosApiException allFailedAlike = null;
        try {
            for (int from = 0; from < addresses.size(); from += BATCH) {
                replies.addAll(talos.version(addresses.subList(from, Math.min(addresses.size(), from + BATCH))));
            }
        } catch (TalosApiException e) {
            // every node failed with the same error: the endpoint's own fault, or one cause shared by every node
            allFailedAlike = e;
            replies = addresses.stream().map(a -> new NodeReply<VersionResult>(a, null, e.code(), e.description())).toList();
        }
        if (targets.isEmpty() || replies.stream().anyMatch(NodeReply::ok)) {
            return new Reach(replies, Optional.empty());
        }
        answersItself(talos, allFailedAlike);
        return new Reach(replies, Optional.of(noneAnswered(talos, targets, replies)));
    }

    /**
     * The line for no target answering through an endpoint that does: it asks whether the talosconfig is this
     * cluster's when its context names none of the targets' addresses, and quotes the first node's error.
     */
    private static String noneAnswered(TalosClient talos, List<Target> targets, List<NodeReply<VersionResult>> replies) {
        Target first = targets.get(0);
        String who = targets.size() == 1 ? first.hostname() + " does not answer" : "none of the " + targets.size() + " nodes answers";
        List<String> contextNodes = talos.contextNodes();
        boolean otherNodes = !contextNodes.isEmpty() && targets.stream().noneMatch(t -> contextNodes.contains(t.address()));
        String question = otherNodes
                ? "is it this cluster's talosconfig (its context '" + talos.contextName() + "' names other nodes: " + firstFive(contextNodes) + ")?"
                : targets.size() == 1 ? "is the node up, and do the endpoints reach its address?"
                : "are the nodes up, and do the endpoints reach their addresses?";
        String error = replies.isEmpty() ? "no reply" : replies.get(0).error();
        return who + " the Talos API through the talosconfig's endpoints (" + talos.endpoint().replace(",", ", ") + "), which answer themselves: "
                + question + " " + first.hostname() + " (" + first.address() + "): " + error;
    }

    private static String firstFive(List<String> nodes) {
        return String.join(", ", nodes.subList(0, Math.min(5, nodes.size()))) + (nodes.size() > 5 ? ", … (" + nodes.size() + " in all)" : "");
    }

    /** Asks the endpoint about itself (no node targeted); throws bad input when it does not answer. */
    private static void answersItself(TalosClient talos, TalosApiException failure) {
        try {
            talos.version(List.of());
        } catch (TalosApiException e) {
            throw new InputException("the Talos API endpoint does not answer: " + (failure != null ? failure : e).getMessage());
        }
    }
}
