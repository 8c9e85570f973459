package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaseStatusTests {

    @Test
    void onlyTheInitialStatusMayBeUnowned() {
        assertThat(CaseStatus.NEW.category()).isEqualTo(CaseStatus.Category.INITIAL);
        for (var status : CaseStatus.values()) {
            if (status != CaseStatus.NEW) {
                assertThat(status.category()).isNotEqualTo(CaseStatus.Category.INITIAL);
            }
        }
    }

    @Test
    void anOpenCaseMustBeResolvedBeforeItCanBeClosed() {
        assertThat(CaseStatus.OPEN.canMoveTo(CaseStatus.CLOSED)).isFalse();
        assertThat(CaseStatus.OPEN.canMoveTo(CaseStatus.RESOLVED)).isTrue();
        assertThat(CaseStatus.RESOLVED.canMoveTo(CaseStatus.CLOSED)).isTrue();
    }

    @Test
    void resolvedAndClosedCasesCanBeReopened() {
        assertThat(CaseStatus.RESOLVED.canMoveTo(CaseStatus.OPEN)).isTrue();
        assertThat(CaseStatus.CLOSED.canMoveTo(CaseStatus.OPEN)).isTrue();
        assertThat(CaseStatus.CLOSED.isActive()).isFalse();
    }

    @Test
    void nothingReturnsToNew() {
        for (var status : CaseStatus.values()) {
            assertThat(status.next()).doesNotContain(CaseStatus.NEW);
        }
    }

    @Test
    void waitingStatusesAreWaiting() {
        assertThat(CaseStatus.WAITING_ON_CUSTOMER.isWaiting()).isTrue();
        assertThat(CaseStatus.WAITING_ON_THIRD_PARTY.isWaiting()).isTrue();
        assertThat(CaseStatus.OPEN.isWaiting()).isFalse();
    }
}
