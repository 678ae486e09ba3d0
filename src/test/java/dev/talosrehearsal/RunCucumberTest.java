package dev.talosrehearsal;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PARALLEL_CONFIG_FIXED_MAX_POOL_SIZE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PARALLEL_CONFIG_FIXED_PARALLELISM_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PARALLEL_CONFIG_STRATEGY_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every feature under {@code features/} (the project's top-level folder) through the JUnit Platform, three
 * scenarios at a time: scenarios share nothing (each starts its own simulated cluster on ephemeral ports), and on
 * two cores three workers keep both busy while one waits on a socket. The pretty plugin is left out because its
 * lines from parallel scenarios interleave; the html report and the summary are per scenario.
 *
 * <p>The glue is the step vocabulary the product ships ({@code talos-rehearsal spec} runs users' features with it);
 * every scenario starts from a copy of {@code fixtures/homelab}, the rehearsal directory that pom.xml's Surefire
 * configuration names in {@code -Dtalos.rehearsal.spec.cluster} (rehearsal/ScenarioSettings).
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@ConfigurationParameter(key = PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME, value = "true")
@ConfigurationParameter(key = PARALLEL_CONFIG_STRATEGY_PROPERTY_NAME, value = "fixed")
@ConfigurationParameter(key = PARALLEL_CONFIG_FIXED_PARALLELISM_PROPERTY_NAME, value = "3")
@ConfigurationParameter(key = PARALLEL_CONFIG_FIXED_MAX_POOL_SIZE_PROPERTY_NAME, value = "3")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "dev.talosrehearsal.spec.steps")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME, value = "summary, html:target/cucumber/report.html, "
        + "junit:target/cucumber/junit.xml, message:target/cucumber/messages.ndjson")
public class RunCucumberTest {}
