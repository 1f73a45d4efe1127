package io.dbchange.testing.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a fixture class that runs only when launched by {@link FixtureRunner} (which sets the configuration parameter
 * {@value #PARAMETER}), never when Surefire, Failsafe or an IDE discovers it on its own.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(OnlyUnderTestKit.OnlyInTestKit.class)
@interface OnlyUnderTestKit {

    String PARAMETER = "dbchange.testing.fixtures";

    /** Enables the fixture only under the test kit, through a configuration parameter rather than global state. */
    final class OnlyInTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER)
                            .map(Boolean::parseBoolean)
                            .orElse(false)
                    ? ConditionEvaluationResult.enabled("launched by the test kit")
                    : ConditionEvaluationResult.disabled("fixture: runs only under the JUnit Platform test kit");
        }
    }
}
