package io.dbchange.api.schema;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Lookup by name in the lists of this package. */
final class Named {

    private Named() {}

    static <T> Optional<T> find(List<T> list, Function<T, String> name, String wanted) {
        return list.stream().filter(e -> name.apply(e).equals(wanted)).findFirst();
    }
}
