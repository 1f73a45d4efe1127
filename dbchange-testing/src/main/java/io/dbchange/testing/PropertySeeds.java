package io.dbchange.testing;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Seeds for property tests written as JUnit 5 parameterized tests: each try is one seed, shown in the test's name,
 * so a failure is reproduced by running that one seed again.
 *
 * <pre>{@code
 * static LongStream seeds() { return PropertySeeds.seeds(200); }
 *
 * @ParameterizedTest(name = "seed {0}")
 * @MethodSource("seeds")
 * void splittingLosesNoText(long seed) {
 *     SplittableRandom random = new SplittableRandom(seed);
 *     String script = generateScript(random);
 *     assertThat(split(script).reassemble()).isEqualTo(script);
 * }
 * }</pre>
 *
 * <p>System properties tune every property test of a run: {@code dbchange.property.tries} overrides the number of
 * tries (for a longer run behind a flag), {@code dbchange.property.seed} sets the base seed (default: a fixed
 * value, so that a build is repeatable), and {@code dbchange.property.only} runs exactly one seed (to reproduce a
 * failure).
 *
 * <p>We write properties this way rather than with jqwik: since 1.10 jqwik's maintainer asks AI coding agents not to
 * use the library, and part of this code base is written by such agents.
 */
public final class PropertySeeds {

    /** The base seed when {@code dbchange.property.seed} is not set. */
    public static final long DEFAULT_BASE_SEED = 0x5EED_DBC0_0001L;

    private PropertySeeds() {}

    /**
     * The seeds of one property: {@code defaultTries} of them unless {@code dbchange.property.tries} says otherwise,
     * or the one seed named by {@code dbchange.property.only}.
     */
    public static LongStream seeds(int defaultTries) {
        if (defaultTries < 1) {
            throw new IllegalArgumentException("'defaultTries' must be at least 1 but was " + defaultTries);
        }
        String only = System.getProperty("dbchange.property.only");
        if (only != null && !only.isBlank()) {
            return LongStream.of(Long.decode(only.strip()));
        }
        int tries = Integer.getInteger("dbchange.property.tries", defaultTries);
        long base = Long.getLong("dbchange.property.seed", DEFAULT_BASE_SEED);
        SplittableRandom seeds = new SplittableRandom(base);
        return LongStream.generate(seeds::nextLong).limit(tries);
    }
}
