package jmpi.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a sample class (a test meant to fail) only when a test of the kit runs it through the JUnit
 * Platform and says so, never when the build's own test run happens to select it.
 */
final class SamplesOnly implements ExecutionCondition {
    static final String PARAMETER = "jmpi.testing.samples";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).map(Boolean::parseBoolean).orElse(false)
                ? ConditionEvaluationResult.enabled("run by a test of the kit")
                : ConditionEvaluationResult.disabled("a sample, run only by the tests of the kit");
    }
}
