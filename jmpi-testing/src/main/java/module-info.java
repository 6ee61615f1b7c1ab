/**
 * jmpi's testing kit: {@link jmpi.testing.MPITest} runs a JUnit Jupiter test method on many ranks inside
 * one JVM, and {@link jmpi.testing.MPITesting} runs a job from any test, such as every try of a property.
 */
module jmpi.testing {
    requires transitive jmpi;
    requires transitive org.junit.jupiter.api;

    exports jmpi.testing;
}
