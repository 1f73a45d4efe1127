package io.dbchange.testing.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs {@link TestKitFixture} classes in a nested Jupiter engine and returns their test events. */
final class TestKit {

    private TestKit() {}

    static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(TestKitFixture.PARAMETER, "true")
                .selectors(selectClass(fixture))
                .execute()
                .testEvents();
    }
}
