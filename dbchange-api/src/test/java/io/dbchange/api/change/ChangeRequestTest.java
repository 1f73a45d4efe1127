package io.dbchange.api.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.project.DatabaseRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeRequestTest {

    static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    static final DatabaseRef TEST_DB = new DatabaseRef("test-pg", "shop");
    static final DatabaseRef PROD_DB = new DatabaseRef("prod-pg", "shop");

    static ChangeRequest request(List<DatabaseRef> targets, ChangeRequestStatus status) {
        return new ChangeRequest(
                "cr-1",
                "shop",
                "Add orders.note",
                "",
                ChangeType.SCHEMA,
                "ALTER TABLE orders ADD note text",
                targets,
                "alice",
                status,
                1,
                "sha256:ab12",
                T0,
                T0);
    }

    @Test
    void copiesItsTargets() {
        List<DatabaseRef> targets = new ArrayList<>(List.of(TEST_DB));
        ChangeRequest request = request(targets, ChangeRequestStatus.DRAFT);
        targets.add(PROD_DB);

        assertThat(request.targets()).containsExactly(TEST_DB);
        assertThat(request.targets()).isUnmodifiable();
    }

    @Test
    void requiresAtLeastOneTargetEachOnce() {
        assertThatThrownBy(() -> request(List.of(), ChangeRequestStatus.DRAFT))
                .hasMessage("'targets' must not be empty");
        assertThatThrownBy(() -> request(List.of(TEST_DB, PROD_DB, TEST_DB), ChangeRequestStatus.DRAFT))
                .hasMessage("'targets' holds database 'test-pg/shop' more than once");
    }

    @Test
    void moveToTheNextStatusAndRecordsWhen() {
        Instant later = T0.plusSeconds(60);
        ChangeRequest inReview =
                request(List.of(TEST_DB), ChangeRequestStatus.DRAFT).withStatus(ChangeRequestStatus.IN_REVIEW, later);

        assertThat(inReview.status()).isEqualTo(ChangeRequestStatus.IN_REVIEW);
        assertThat(inReview.updatedAt()).isEqualTo(later);
        assertThat(inReview.createdAt()).isEqualTo(T0);
        assertThat(inReview.revision()).isEqualTo(1);
    }

    @Test
    void rejectsSkippingApproval() {
        ChangeRequest inReview = request(List.of(TEST_DB), ChangeRequestStatus.IN_REVIEW);

        assertThatThrownBy(() -> inReview.withStatus(ChangeRequestStatus.APPROVED, T0))
                .isInstanceOfSatisfying(
                        DbChangeException.class,
                        e -> assertThat(e.code()).isEqualTo(CoreErrorCode.ILLEGAL_STATE_TRANSITION))
                .hasMessage("ILLEGAL_STATE_TRANSITION: change request 'cr-1' cannot move from IN_REVIEW to"
                        + " APPROVED: from IN_REVIEW it may move to PENDING_APPROVAL, CANCELED");
    }

    @Test
    void rejectsGoingBackInTime() {
        ChangeRequest draft = request(List.of(TEST_DB), ChangeRequestStatus.DRAFT);

        assertThatThrownBy(() -> draft.withStatus(ChangeRequestStatus.IN_REVIEW, T0.minusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'at'");
        assertThatThrownBy(() -> new ChangeRequest(
                        "cr-1",
                        "shop",
                        "t",
                        "",
                        ChangeType.DATA,
                        "",
                        List.of(TEST_DB),
                        "alice",
                        ChangeRequestStatus.DRAFT,
                        1,
                        "h",
                        T0,
                        T0.minusSeconds(1)))
                .hasMessageContaining("'updatedAt'");
    }

    @Test
    void validatesItsFields() {
        assertThatThrownBy(() -> new ChangeRequest(
                        "cr-1",
                        "Shop",
                        "t",
                        "",
                        ChangeType.DATA,
                        "",
                        List.of(TEST_DB),
                        "alice",
                        ChangeRequestStatus.DRAFT,
                        1,
                        "h",
                        T0,
                        T0))
                .hasMessageContaining("'projectId' must be");
        assertThatThrownBy(() -> new ChangeRequest(
                        "cr-1",
                        "shop",
                        " ",
                        "",
                        ChangeType.DATA,
                        "",
                        List.of(TEST_DB),
                        "alice",
                        ChangeRequestStatus.DRAFT,
                        1,
                        "h",
                        T0,
                        T0))
                .hasMessage("'title' must not be blank");
        assertThatThrownBy(() -> new ChangeRequest(
                        "cr-1",
                        "shop",
                        "t",
                        "",
                        ChangeType.DATA,
                        "",
                        List.of(TEST_DB),
                        "",
                        ChangeRequestStatus.DRAFT,
                        1,
                        "h",
                        T0,
                        T0))
                .hasMessage("'creator' must not be blank");
        assertThatThrownBy(() -> new ChangeRequest(
                        "cr-1",
                        "shop",
                        "t",
                        "",
                        ChangeType.DATA,
                        "",
                        List.of(TEST_DB),
                        "alice",
                        ChangeRequestStatus.DRAFT,
                        0,
                        "h",
                        T0,
                        T0))
                .hasMessage("'revision' must be at least 1 but was 0");
        assertThatThrownBy(() -> new ChangeRequest(
                        "cr-1",
                        "shop",
                        "t",
                        "",
                        ChangeType.DATA,
                        "",
                        List.of(TEST_DB),
                        "alice",
                        ChangeRequestStatus.DRAFT,
                        1,
                        "",
                        T0,
                        T0))
                .hasMessage("'contentHash' must not be blank");
    }
}
