package dev.talosrehearsal.cli;

import dev.talosrehearsal.cli.bench.BenchCommand;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.talos.TlsWarmUp;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code talos-rehearsal}: the command-line entry point.
 *
 * <p>Exit codes, the same for every command: 0 success; 1 the command found something (a diff with
 * changes, a failed check); 2 bad input (one line {@code file:line: message} on stderr); 3 an
 * unexpected internal error (a bug: please report it).
 */
@Command(name = "talos-rehearsal",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Rehearse Talos Linux configuration migrations before they touch production.")
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FOUND = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL_ERROR = 3;

    /**
     * The commands, in the order {@code --help} lists them. picocli reflects over every option of
     * every command it is handed, which is a noticeable part of a cold start; so when the first
     * argument names a command, only that command (and its own subcommands) is handed over.
     */
    static final List<Class<?>> COMMANDS = List.of(
            GenconfigCommand.class,
            GensecretCommand.class,
            InitCommand.class,
            CaptureCommand.class,
            DiffCommand.class,
            LintCommand.class,
            ImpactCommand.class,
            TalosCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            ResumeCommand.class,
            RollbackCommand.class,
            VerifyCommand.class,
            RehearseCommand.class,
            SimUpCommand.class,
            SpecCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        try {
            code = run(args, out, err);
        } finally {
            // A PrintWriter flushes by itself only on println; what a command print()s (a dry run's diffs) waits in its
            // buffer, and System.exit does not flush it. Every command's output ends here, so this is its one flush.
            out.flush();
            err.flush();
        }
        System.exit(code);
    }

    /** Runs the CLI with the given streams; returns the exit code (tests call this directly). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The command line for {@code args}: every command, or only the one {@code args[0]} names (not {@code help}, which needs them all). */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        List<Class<?>> named = COMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first))
                .toList();
        for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
            cli.addSubcommand(command);
        }
        cli.setExecutionStrategy(parseResult -> {
            CommandLine.ParseResult leaf = parseResult;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            if (leaf.commandSpec().userObject() instanceof DialsTalos && !leaf.isUsageHelpRequested()) {
                TlsWarmUp.start();
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof InputException input) {
                err.println(input.oneLine());
                return BAD_INPUT;
            }
            if (e instanceof UncheckedIOException io) {
                err.println("error: " + io.getMessage());
                return BAD_INPUT;
            }
            err.println("internal error: " + e + " (this is a bug in talos-rehearsal; rerun with -Dtalos.rehearsal.debug=true for a stack trace)");
            if (Boolean.getBoolean("talos.rehearsal.debug")) {
                e.printStackTrace(err);
            }
            return INTERNAL_ERROR;
        });
        cli.setParameterExceptionHandler((e, unmatched) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("error: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return BAD_INPUT;
        });
        return cli;
    }
}
