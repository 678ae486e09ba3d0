package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.machineconfig.secrets.SecretsGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "gensecret", mixinStandardHelpOptions = true,
        description = {"Generate a new cluster secrets bundle (talhelper's talsecret.yaml format), mode 0600.",
                "Keys as Talos makes them: OS CA Ed25519; etcd, Kubernetes and aggregator CAs ECDSA P-256; service-account RSA 4096."})
final class GensecretCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "talsecret.yaml",
            description = "Where to write (default: ${DEFAULT-VALUE}). An existing file is never overwritten.")
    Path output;

    @Override
    public Integer call() {
        if (Files.exists(output)) {
            throw new InputException(output.toString(), 0,
                    "exists already; refusing to overwrite a cluster's secrets (move it away first if you really mean it)");
        }
        SecretsFile.write(output, new SecretsGenerator().generate());
        spec.commandLine().getOut().println("generated secrets in " + output + " (mode 0600; keep it safe, e.g. encrypt it with sops)");
        return Main.OK;
    }
}
