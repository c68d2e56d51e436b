package io.budgetwatch.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the broker and the database when JUnit is done, before the JVM starts shutting down. */
public class StopAfterTests implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SuiteInfrastructure.stopAll();
    }
}
