package dev.talosrehearsal.talos;

import dev.talos.api.common.Metadata;
import io.grpc.Status;
import java.util.List;

/** Talos's one-message-per-node replies, checked: a node's error never passes for success. */
public final class Replies {
    private Replies() {}

    /** One node's answer: its value, or its error. */
    public record NodeReply<T>(String node, T value, Status.Code errorCode, String error) {
        public boolean ok() {
            return error == null;
        }

        /** The value, or the node's error as an exception naming the node. */
        public T orThrow() {
            if (!ok()) {
                throw new TalosApiException(errorCode, node, error);
            }
            return value;
        }
    }

    /** The error a reply message's metadata carries, if any. */
    static <T> NodeReply<T> reply(Metadata metadata, String fallbackNode, T value) {
        String node = metadata.getHostname().isEmpty() ? fallbackNode : metadata.getHostname();
        if (!metadata.getError().isEmpty() || (metadata.hasStatus() && metadata.getStatus().getCode() != 0)) {
            Status.Code code = metadata.hasStatus() ? Status.fromCodeValue(metadata.getStatus().getCode()).getCode() : Status.Code.UNKNOWN;
            String message = !metadata.getError().isEmpty() ? metadata.getError() : metadata.getStatus().getMessage();
            return new NodeReply<>(node, null, code, message);
        }
        return new NodeReply<>(node, value, null, null);
    }

    /** The single reply of a one-node call, or an exception when there is none or it failed. */
    static <T> T single(List<NodeReply<T>> replies, String node) {
        if (replies.isEmpty()) {
            throw new TalosApiException(Status.Code.UNKNOWN, node, "no reply message");
        }
        return replies.get(0).orThrow();
    }
}
