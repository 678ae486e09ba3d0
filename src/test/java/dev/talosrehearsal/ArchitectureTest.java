package dev.talosrehearsal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import rules of docs/architecture.md, checked on the compiled production classes. The promise
 * "the applier never knows whether it talks to a real or a simulated cluster" rests on the first rule.
 */
class ArchitectureTest {
    /** Everything a user's real cluster is touched by: none of it may see the simulator or the rehearsal. */
    private static final String[] PRODUCTION = {
        "dev.talosrehearsal.common..", "dev.talosrehearsal.talconfig..", "dev.talosrehearsal.machineconfig..",
        "dev.talosrehearsal.inventory..", "dev.talosrehearsal.network..", "dev.talosrehearsal.tailscale..",
        "dev.talosrehearsal.lint..", "dev.talosrehearsal.talos..", "dev.talosrehearsal.kube..", "dev.talosrehearsal.rollout..",
        "dev.talosrehearsal.capture.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.talosrehearsal");
    }

    @Test
    void productionPackagesNeverImportTheSimulator() {
        noClasses().that().resideInAnyPackage(PRODUCTION)
                .should().dependOnClassesThat().resideInAnyPackage("dev.talosrehearsal.sim..")
                .because("the applier must not be able to tell a simulated cluster from a real one")
                .check(classes);
    }

    @Test
    void productionPackagesNeverImportRehearsalSpecOrCli() {
        noClasses().that().resideInAnyPackage(PRODUCTION)
                .should().dependOnClassesThat().resideInAnyPackage("dev.talosrehearsal.rehearsal..", "dev.talosrehearsal.spec..",
                        "dev.talosrehearsal.cli..")
                .check(classes);
    }

    /** Talos's address rule and Tailscale's serve config are shared by lint, the gates and the simulator: they stand alone. */
    @Test
    void sharedRulePackagesImportOnlyCommon() {
        noClasses().that().resideInAnyPackage("dev.talosrehearsal.network..", "dev.talosrehearsal.tailscale..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.talosrehearsal.talconfig..", "dev.talosrehearsal.machineconfig..", "dev.talosrehearsal.inventory..",
                        "dev.talosrehearsal.lint..", "dev.talosrehearsal.talos..", "dev.talosrehearsal.kube..",
                        "dev.talosrehearsal.rollout..", "dev.talosrehearsal.sim..", "dev.talosrehearsal.rehearsal..", "dev.talosrehearsal.cli..")
                .check(classes);
    }

    @Test
    void theSimulatorNeverImportsRehearsalSpecOrCli() {
        noClasses().that().resideInAPackage("dev.talosrehearsal.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.talosrehearsal.rehearsal..", "dev.talosrehearsal.spec..",
                        "dev.talosrehearsal.cli..")
                .check(classes);
    }

    @Test
    void rehearsalNeverImportsSpecOrCli() {
        noClasses().that().resideInAPackage("dev.talosrehearsal.rehearsal..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.talosrehearsal.spec..", "dev.talosrehearsal.cli..")
                .because("the commands call the rehearsal, never the other way round")
                .check(classes);
    }

    /**
     * The step vocabulary (spec) sits on top, beside cli: it drives the simulator, the rehearsal's SimulatedTarget and the
     * real commands (cli.Main). So nothing may import it, or the commands and the steps would import each other:
     * {@code spec} (cli/spec) names the glue package as a string for Cucumber, which loads it by reflection.
     */
    @Test
    void nothingImportsTheStepVocabulary() {
        noClasses().that().resideOutsideOfPackage("dev.talosrehearsal.spec..")
                .should().dependOnClassesThat().resideInAPackage("dev.talosrehearsal.spec..")
                .check(classes);
    }

    @Test
    void noCyclesBetweenTopLevelPackages() {
        slices().matching("dev.talosrehearsal.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.talosrehearsal.(**)").should().beFreeOfCycles().check(classes);
    }
}
