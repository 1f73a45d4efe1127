package io.dbchange.testing.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs {@link OnlyUnderTestKit} classes in a nested Jupiter engine and returns their test events. */
final class FixtureRunner {

    private FixtureRunner() {}

    static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(OnlyUnderTestKit.PARAMETER, "true")
                .selectors(selectClass(fixture))
                .execute()
                .testEvents();
    }
}
