package org.flapjack.worker;

/** The same checks started through ProcessBuilder, setsid, timeout and /bin/sh, as on Java 21. */
class ProcessBuilderCheckRunnerTest extends CheckRunnerTest {

    @Override
    CheckLauncher launcher() {
        return new JavaLauncher();
    }
}
