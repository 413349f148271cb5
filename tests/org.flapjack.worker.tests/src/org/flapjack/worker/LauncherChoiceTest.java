package org.flapjack.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

class LauncherChoiceTest {

    @Test
    @EnabledForJreRange(min = JRE.JAVA_22)
    void checksStartWithPosixSpawnWhereJavaCanCallC() {
        assertEquals("checks start with posix_spawn", CheckRunner.bestLauncher().description());
    }

    @Test
    void propertyAsksForProcessBuilder() {
        String before = System.getProperty(CheckRunner.LAUNCHER_PROPERTY);
        System.setProperty(CheckRunner.LAUNCHER_PROPERTY, "java");
        try {
            assertEquals("checks start through setsid, timeout and /bin/sh", CheckRunner.bestLauncher().description());
        } finally {
            if (before == null) {
                System.clearProperty(CheckRunner.LAUNCHER_PROPERTY);
            } else {
                System.setProperty(CheckRunner.LAUNCHER_PROPERTY, before);
            }
        }
    }
}
