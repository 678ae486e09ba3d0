package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The talhelper-style inputs shared by commands that read a talconfig.yaml: env and secrets files. */
final class ClusterInputOptions {
    static final Path DEFAULT_ENV = Path.of("talenv.yaml");
    static final Path DEFAULT_SECRETS = Path.of("talsecret.yaml");

    @Option(names = {"-e", "--env-file"}, paramLabel = "FILE",
            description = "Variables for $${VAR} substitution (default: talenv.yaml when present). Its values override the process environment, as in talhelper.")
    Path envFile;

    @Option(names = {"-s", "--secret-file"}, paramLabel = "FILE",
            description = "The cluster's secrets bundle (default: talsecret.yaml). Create one with 'gensecret'.")
    Path secretFile;

    TalConfig load(Path talconfig) {
        return new TalConfigLoader(environment()).load(talconfig);
    }

    /** The substitution environment: talenv.yaml (-e, or talenv.yaml when present) over the process environment. */
    Map<String, String> environment() {
        boolean explicitEnv = envFile != null;
        Path env = explicitEnv ? envFile : DEFAULT_ENV;
        return TalConfigLoader.environment(env, explicitEnv);
    }

    Path secretsPath() {
        return secretFile != null ? secretFile : DEFAULT_SECRETS;
    }

    /** The secrets bundle; a missing file is an error, because fresh secrets would mean a new cluster CA. */
    SecretsBundle secrets() {
        Path path = secretsPath();
        if (!Files.exists(path)) {
            throw new InputException(path.toString(), 0, "secrets file not found; generating configs with fresh secrets would"
                    + " give the cluster a new CA and break every existing node. Point -s at your talsecret.yaml,"
                    + " or run 'talos-rehearsal gensecret' (or pass --new-secrets) for a brand-new cluster");
        }
        return SecretsFile.read(path);
    }
}
