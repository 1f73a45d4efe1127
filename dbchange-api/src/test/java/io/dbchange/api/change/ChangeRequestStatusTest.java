package io.dbchange.api.change;

import static io.dbchange.api.change.ChangeRequestStatus.APPROVED;
import static io.dbchange.api.change.ChangeRequestStatus.CANCELED;
import static io.dbchange.api.change.ChangeRequestStatus.DONE;
import static io.dbchange.api.change.ChangeRequestStatus.DRAFT;
import static io.dbchange.api.change.ChangeRequestStatus.IN_REVIEW;
import static io.dbchange.api.change.ChangeRequestStatus.PENDING_APPROVAL;
import static io.dbchange.api.change.ChangeRequestStatus.REJECTED;
import static io.dbchange.api.change.ChangeRequestStatus.ROLLING_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ChangeRequestStatusTest {

    /**
     * DESIGN.md: DRAFT -> IN_REVIEW -> PENDING_APPROVAL -> APPROVED -> ROLLING_OUT -> DONE; REJECTED returns to the
     * creator, who may re-submit (-> IN_REVIEW); CANCELED at any open point;
     * editing a request waiting for or holding an approval, or rolling out with no task started yet, sends it back to
     * review (-> IN_REVIEW). Written by hand, not derived from the code under test.
     */
    private static final Map<ChangeRequestStatus, Set<ChangeRequestStatus>> LEGAL = Map.of(
            DRAFT, Set.of(IN_REVIEW, CANCELED),
            IN_REVIEW, Set.of(PENDING_APPROVAL, CANCELED),
            PENDING_APPROVAL, Set.of(APPROVED, REJECTED, IN_REVIEW, CANCELED),
            APPROVED, Set.of(ROLLING_OUT, IN_REVIEW, CANCELED),
            ROLLING_OUT, Set.of(DONE, IN_REVIEW, CANCELED),
            DONE, Set.of(),
            REJECTED, Set.of(IN_REVIEW, CANCELED),
            CANCELED, Set.of());

    static Stream<Arguments> everyPair() {
        return Arrays.stream(ChangeRequestStatus.values())
                .flatMap(from -> Arrays.stream(ChangeRequestStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @Test
    void expectationTableCoversEveryStatus() {
        assertThat(LEGAL.keySet()).containsExactlyInAnyOrder(ChangeRequestStatus.values());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void allowsExactlyTheTransitionsOfTheDesign(ChangeRequestStatus from, ChangeRequestStatus to) {
        assertThat(from.canMoveTo(to)).isEqualTo(LEGAL.get(from).contains(to));
    }

    @ParameterizedTest
    @EnumSource(ChangeRequestStatus.class)
    void successorsAreTheLegalTargets(ChangeRequestStatus from) {
        assertThat(from.successors()).containsExactlyInAnyOrderElementsOf(LEGAL.get(from));
    }

    @Test
    void onlyDoneAndCanceledAreFinal() {
        assertThat(EnumSet.allOf(ChangeRequestStatus.class).stream().filter(ChangeRequestStatus::isFinal))
                .containsExactlyInAnyOrder(DONE, CANCELED);
    }

    @ParameterizedTest
    @EnumSource(
            value = ChangeRequestStatus.class,
            names = {"DONE", "CANCELED"},
            mode = EnumSource.Mode.EXCLUDE)
    void everyOpenStatusCanBeCanceled(ChangeRequestStatus open) {
        assertThat(open.canMoveTo(CANCELED)).isTrue();
    }

    @Test
    void successorsCannotBeModified() {
        assertThat(DRAFT.successors()).isUnmodifiable();
    }
}
