package dev.talosrehearsal.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that generates a secrets bundle to keep, so an RSA-4096 key: it runs in Surefire's {@code secrets-bundles}
 * execution (pom.xml), a JVM with C2, where the key takes about a second, and not in the C1-only JVMs of the rest
 * of the suite, where it took 5-24 s each (BigInteger's intrinsics are C2's; docs/benchmarks.md).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(GeneratesSecretsBundle.TAG)
public @interface GeneratesSecretsBundle {
    /** The tag pom.xml selects the execution by. */
    String TAG = "generates-secrets-bundle";
}
