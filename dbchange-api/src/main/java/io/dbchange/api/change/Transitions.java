package io.dbchange.api.change;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the {@link CoreErrorCode#ILLEGAL_STATE_TRANSITION} error of this package's lifecycles. */
final class Transitions {

    private Transitions() {}

    static DbChangeException illegal(String object, Enum<?> from, Enum<?> to, Set<? extends Enum<?>> allowed) {
        String options = allowed.isEmpty()
                ? from + " is final"
                : "from " + from + " it may move to "
                        + allowed.stream().map(Enum::name).collect(Collectors.joining(", "));
        return new DbChangeException(
                CoreErrorCode.ILLEGAL_STATE_TRANSITION,
                object + " cannot move from " + from + " to " + to + ": " + options);
    }
}
