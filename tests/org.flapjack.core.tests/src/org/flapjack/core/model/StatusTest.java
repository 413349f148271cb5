package org.flapjack.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StatusTest {

    @ParameterizedTest
    @CsvSource({ "0,OK", "1,WARNING", "2,CRITICAL", "3,UNKNOWN", "4,UNKNOWN", "-1,UNKNOWN", "127,UNKNOWN" })
    void exitStatusMapsToStatus(int exitStatus, Status expected) {
        assertEquals(expected, Status.ofExitStatus(exitStatus));
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void statusGivesBackTheExitStatusItWasReadFrom(Status status) {
        assertEquals(status, Status.ofExitStatus(status.exitStatus()));
    }

    @Test
    void unknownIsExitStatusThree() {
        assertEquals(3, Status.UNKNOWN.exitStatus());
    }

    @Test
    void onlyOkIsNoFailure() {
        assertFalse(Status.OK.isFailure());
        assertTrue(Status.WARNING.isFailure());
        assertTrue(Status.CRITICAL.isFailure());
        assertTrue(Status.UNKNOWN.isFailure());
    }
}
