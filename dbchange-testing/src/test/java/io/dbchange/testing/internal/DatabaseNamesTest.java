package io.dbchange.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabaseNamesTest {

    @Test
    void namesAreLowerCaseIdentifiersThatDoNotRepeat() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String name = DatabaseNames.next();
            assertThat(name).matches("t_[0-9a-z]{12}");
            names.add(name);
        }
        assertThat(names).hasSize(10_000);
    }
}
